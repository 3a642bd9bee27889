import { evaluateTicketSla, type SlaMetric, type SlaMetricResult } from '@guardloop/intake';
import { helpdeskSlaPolicies } from '../intake/helpdesk-sla-policies';
import { type IntakePath, intakePaths } from '../intake/intake-paths';
import { ticketSlaHistory } from '../intake/ticket-sla-history';
import type { ReplayResult } from '../simulation/replay';
import { summarizeTicketSlaKpis, type TicketSlaKpis } from './intake-sla-kpis';

const dayMs = 86_400_000;

/** One SLA metric of one policy and priority over the replay. */
export interface SlaMetricSummary {
  targetMs: number;
  /** Metric runs: one first response per ticket; one resolution per opening (reopens add one). */
  runs: number;
  /** Stopped late, or still running past the due time at the end of the replay. */
  breached: number;
  /** Of the stopped runs (ms). */
  median: number | null;
  p90: number | null;
}

export interface SlaRow {
  policy: string;
  priority: string;
  tickets: number;
  firstResponse: SlaMetricSummary | null;
  resolution: SlaMetricSummary | null;
}

export interface IntakeSummary {
  /** Tickets per front door. */
  paths: Record<IntakePath, number>;
  rejected: number;
  /** Values the taxonomy did not know (mapped to `other`). */
  unknownValues: number;
  emailReplies: number;
  reopenedByEmail: number;
  priorities: Record<string, number>;
  /** Per policy and priority over the whole replay, evaluated on the tickets' histories at the end. */
  sla: SlaRow[];
  /** Feedback's ticket SLA KPIs, baseline vs after learning, from the live monitor's outcomes. */
  slaKpis: TicketSlaKpis;
}

const quantile = (sorted: readonly number[], q: number) =>
  sorted.length === 0
    ? null
    : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? null);

function summarize(results: readonly SlaMetricResult[]): SlaMetricSummary | null {
  const first = results[0];
  if (!first) return null;
  const stopped = results
    .filter((result) => result.stoppedAt !== null)
    .map((result) => result.elapsedMs)
    .sort((a, b) => a - b);
  return {
    targetMs: first.targetMs,
    runs: results.length,
    breached: results.filter((result) => result.status === 'missed' || result.status === 'breached')
      .length,
    median: quantile(stopped, 0.5),
    p90: quantile(stopped, 0.9),
  };
}

/**
 * What came in through which door, and the ticket SLAs per policy and priority, evaluated on
 * each ticket's event history at the end of the replay (duplicates, filed under their first
 * report, are not tickets of their own), and feedback's SLA KPIs of the baseline and
 * after-learning phases (from the outcomes the live monitor recorded during the replay).
 */
export async function summarizeIntake(replay: ReplayResult): Promise<IntakeSummary> {
  const { intake, store } = replay.helpdesk;
  const now = replay.start + (replay.days + 4) * dayMs;
  const paths = Object.fromEntries(intakePaths.map((path) => [path, 0])) as Record<
    IntakePath,
    number
  >;
  const priorities: Record<string, number> = {};
  const groups = new Map<string, { row: SlaRow; metrics: Map<SlaMetric, SlaMetricResult[]> }>();
  for (const admitted of intake.admitted.values()) {
    paths[admitted.path] += 1;
    const ticket = store.ticket(admitted.ticket.id);
    if (!ticket || ticket.data.duplicateOf !== undefined) continue;
    const priority = admitted.fields.priority ?? 'none';
    priorities[priority] = (priorities[priority] ?? 0) + 1;
    const history = ticketSlaHistory(ticket, admitted.fields, store.messagesFor(ticket.id));
    const evaluation = evaluateTicketSla(history, helpdeskSlaPolicies, { now });
    const key = `${evaluation.policyId}:${priority}`;
    const group = groups.get(key) ?? {
      row: {
        policy: evaluation.policyId ?? 'none',
        priority,
        tickets: 0,
        firstResponse: null,
        resolution: null,
      },
      metrics: new Map(),
    };
    group.row.tickets += 1;
    for (const metric of evaluation.metrics) {
      group.metrics.set(metric.metric, [...(group.metrics.get(metric.metric) ?? []), metric]);
    }
    groups.set(key, group);
  }
  const sla = [...groups.values()]
    .map(({ row, metrics }) => ({
      ...row,
      firstResponse: summarize(metrics.get('first_response') ?? []),
      resolution: summarize(metrics.get('resolution') ?? []),
    }))
    .sort((a, b) => a.policy.localeCompare(b.policy) || a.priority.localeCompare(b.priority));
  const unknown = intake.taxonomy.unknownReport();
  return {
    paths,
    rejected: intake.rejections.length,
    unknownValues: unknown.counts.reduce((sum, entry) => sum + entry.count, unknown.untracked),
    emailReplies: intake.counters.emailReplies,
    reopenedByEmail: intake.counters.reopenedByEmail,
    priorities,
    sla,
    slaKpis: await summarizeTicketSlaKpis(replay),
  };
}
