import type { BusinessCalendar, TicketStatus } from '@guardloop/core';
import { InvalidSlaPolicyError } from '../errors/invalid-sla-policy-error';
import { matchSlaPolicy, type SlaMetric, type SlaPolicies, type SlaTargets } from './sla-policies';
import { activeTime, businessTime, dueInstant, wallTime } from './sla-time';
import type { TicketSlaState } from './ticket-sla-state';

/**
 * One metric run against its target. `running`/`paused`: the clock still runs (or waits out a
 * `pending_customer` spell); `breached`: still running past its due time; `met`/`missed`:
 * stopped before or after it.
 */
export type SlaMetricStatus = 'running' | 'paused' | 'breached' | 'met' | 'missed';

export interface SlaMetricResult {
  metric: SlaMetric;
  instance: number;
  targetMs: number;
  startedAt: number;
  stoppedAt: number | null;
  /** Measured time so far (open hours for a business-hours policy), pauses left out. */
  elapsedMs: number;
  /** When the target is (or was) due; null while paused short of it. */
  dueAt: number | null;
  /** `dueAt - warnBeforeMs` when the policy warns; else null. */
  warnAt: number | null;
  status: SlaMetricStatus;
  /** Wall time past `dueAt` when stopped (or now); 0 when not late. */
  lateMs: number;
}

export interface TicketSlaEvaluation {
  ticketId: string;
  /** The policy that applies now; null when none matches (or it has no targets for the priority). */
  policyId: string | null;
  priority: string | null;
  status: TicketStatus;
  paused: boolean;
  /** Every metric run the policy has a target for, oldest first. */
  metrics: SlaMetricResult[];
}

export interface ViewTicketSlaOptions {
  /** Open hours for policies with `businessHours`. */
  calendar?: BusinessCalendar | undefined;
  now: number;
}

const targetOf = (targets: SlaTargets, metric: SlaMetric) =>
  metric === 'first_response'
    ? targets.firstResponseMs
    : metric === 'next_response'
      ? targets.nextResponseMs
      : targets.resolutionMs;

/** Reads a folded state against the policies at `now` (pure; options already validated). */
export function viewTicketSla(
  state: TicketSlaState,
  policies: SlaPolicies,
  { calendar, now }: ViewTicketSlaOptions,
): TicketSlaEvaluation {
  const matched = matchSlaPolicy(policies, state.fields);
  const paused = state.pauses.at(-1)?.to === null;
  const evaluation: TicketSlaEvaluation = {
    ticketId: state.ticketId,
    policyId: matched?.policy.id ?? null,
    priority: state.fields.priority ?? null,
    status: state.status,
    paused,
    metrics: [],
  };
  if (matched === undefined) return evaluation;
  const { policy, targets } = matched;
  if (policy.businessHours && calendar === undefined)
    throw new InvalidSlaPolicyError({
      issues: [{ path: policy.id, message: 'A businessHours policy needs a calendar' }],
    });
  const timeline = policy.businessHours && calendar ? businessTime(calendar) : wallTime;
  for (const clock of state.clocks) {
    const targetMs = targetOf(targets, clock.metric);
    if (targetMs === undefined) continue;
    const end = clock.stoppedAt ?? now;
    const dueAt = dueInstant(timeline, clock.startedAt, targetMs, state.pauses);
    const late = dueAt !== null && dueAt <= end;
    const status: SlaMetricStatus =
      clock.stoppedAt !== null
        ? late
          ? 'missed'
          : 'met'
        : late
          ? 'breached'
          : paused
            ? 'paused'
            : 'running';
    evaluation.metrics.push({
      metric: clock.metric,
      instance: clock.instance,
      targetMs,
      startedAt: clock.startedAt,
      stoppedAt: clock.stoppedAt,
      elapsedMs: activeTime(timeline, clock.startedAt, end, state.pauses),
      dueAt,
      warnAt: dueAt !== null && policy.warnBeforeMs > 0 ? dueAt - policy.warnBeforeMs : null,
      status,
      lateMs: late && dueAt !== null ? end - dueAt : 0,
    });
  }
  return evaluation;
}
