import type { Decision, LoopEvent, LoopResult } from '@guardloop/core';
import type { LearningTickResult } from '@guardloop/hypotheses';
import type { SlaEvent } from '@guardloop/inbox';

export interface DayTally {
  day: number;
  signals: number;
  duplicates: number;
  acted: number;
  /** Human-approved actions the inbox ran (`loop.resume`). */
  completed: number;
  escalated: number;
  rejected: number;
  failed: number;
}

export type RailTally = Record<'allow' | 'escalate' | 'deny' | 'skipped' | 'failed', number>;

export interface Escalation {
  day: number;
  ticketId: string;
  rail: string;
  reason: string;
  status: 'escalated' | 'rejected';
}

/** One run of a learning job: what it changed, proposed for approval and held back. */
export interface LearningRunEntry {
  day: number;
  job: string;
  period: string;
  status: string;
  summary: string;
  changed: number;
  proposed: number;
  heldBack: number;
}

export interface Milestone {
  at: number;
  day: number;
  text: string;
}

const emptyRailTally = (): RailTally => ({ allow: 0, escalate: 0, deny: 0, skipped: 0, failed: 0 });

/**
 * What the replay saw, for the reports: tallies per day, per rail, and the story's milestones.
 * Fed by loop events (`onEvent`), the replay and the learning job's journal; the host's pipeline
 * does not know it exists.
 */
export function createRunLog(start: number) {
  const dayOf = (at: number) => Math.floor((at - start) / 86_400_000) + 1;
  const days = new Map<number, DayTally>();
  const rails = new Map<string, RailTally>();
  const seenSlaEvents = new Set<string>();
  const tally = (at: number) => {
    const day = dayOf(at);
    let entry = days.get(day);
    if (!entry) {
      entry = {
        day,
        signals: 0,
        duplicates: 0,
        acted: 0,
        completed: 0,
        escalated: 0,
        rejected: 0,
        failed: 0,
      };
      days.set(day, entry);
    }
    return entry;
  };
  const log = {
    start,
    dayOf,
    escalations: [] as Escalation[],
    milestones: [] as Milestone[],
    autonomy: [] as { at: number; level: string; budgetRemaining: number }[],
    floors: [] as { day: number; floor: number; note: string }[],
    /** The learning schedule's runs, as its store recorded them. */
    runs: [] as LearningRunEntry[],
    undos: [] as { at: number; ticketId: string; action: string; reason: string }[],
    routing: [] as { day: number; category: string; queue: string }[],
    /** Every text handed to the intent classifier (which may pass it on to a model). */
    classifierInputs: [] as string[],
    failures: [] as { ticketId: string; error: string }[],
    /** SLA breaches the inbox's monitor reported, once per escalation and deadline. */
    slaBreaches: [] as { day: number; deadline: string; priority: string; queue: string }[],
    days: () => [...days.values()].sort((a, b) => a.day - b.day),
    rails: () => [...rails.entries()].map(([rail, counts]) => ({ rail, ...counts })),
    milestone(at: number, text: string) {
      log.milestones.push({ at, day: dayOf(at), text });
    },
    /** An SLA monitor listener: delivery is at least once, so events are deduplicated by id. */
    slaEvent(event: SlaEvent) {
      if (event.type !== 'sla_breached' || seenSlaEvents.has(event.id)) return;
      seenSlaEvents.add(event.id);
      const { priority, queue } = event.item;
      log.slaBreaches.push({ day: dayOf(event.at), deadline: event.deadline, priority, queue });
    },
    floorCalibrated(at: number, floor: number, note: string) {
      log.floors.push({ day: dayOf(at), floor, note });
    },
    /** The results of one tick of the learning schedule. */
    learningRuns(results: readonly LearningTickResult[]) {
      for (const { job, outcome, run } of results) {
        if (outcome !== 'ran') continue;
        log.runs.push({
          day: dayOf(run.finishedAt ?? run.startedAt),
          job,
          period: run.periodKey.slice(0, 10),
          status: run.status,
          summary: run.report?.summary ?? run.error ?? '',
          changed: run.report?.changed.length ?? 0,
          proposed: run.report?.proposed.length ?? 0,
          heldBack: run.report?.heldBack.length ?? 0,
        });
      }
    },
    /** A loop listener: tallies every rail's verdict of every decision. */
    onEvent(event: LoopEvent) {
      if (event.type === 'decision.made') log.recordDecision(event.decision);
    },
    recordDecision(decision: Decision) {
      for (const result of decision.rails) {
        const counts = rails.get(result.rail) ?? emptyRailTally();
        const key: keyof RailTally =
          result.status === 'completed'
            ? (result.verdict ?? 'failed')
            : result.status === 'skipped' || result.status === 'aborted'
              ? 'skipped'
              : 'failed';
        counts[key] += 1;
        rails.set(result.rail, counts);
      }
    },
    recordResult(result: LoopResult, ticketId: string) {
      const entry = tally(result.signal.occurredAt);
      entry.signals += 1;
      if (result.status === 'duplicate') entry.duplicates += 1;
      else entry[result.status] += 1;
      if (result.status === 'escalated' || result.status === 'rejected') {
        const rail =
          result.escalation?.rail ?? result.decision?.decidedBy ?? 'no-actionable-hypothesis';
        const reason = result.escalation?.reason ?? result.decision?.reason ?? '';
        const day = dayOf(result.signal.occurredAt);
        log.escalations.push({ day, ticketId, rail, reason, status: result.status });
      }
      if (result.status === 'failed') {
        log.failures.push({ ticketId, error: String(result.failure?.error) });
      }
    },
  };
  return log;
}

export type RunLog = ReturnType<typeof createRunLog>;
