import {
  createKpis,
  type DurationDistribution,
  type KpiReport,
  type Rate,
  type TicketSlaBreakdownEntry,
} from '@guardloop/feedback';
import type { ReplayResult } from '../simulation/replay';

const dayMs = 86_400_000;

/** The ticket SLA KPIs of one phase, as @guardloop/feedback reports them. */
export interface TicketSlaPhaseKpis {
  firstResponse: DurationDistribution;
  resolution: DurationDistribution;
  breachRate: Rate;
  byPriority: TicketSlaBreakdownEntry[];
  byPolicy: TicketSlaBreakdownEntry[];
}

export interface TicketSlaKpis {
  phases: { baseline: readonly [number, number]; after: readonly [number, number] };
  baseline: TicketSlaPhaseKpis;
  after: TicketSlaPhaseKpis;
  /** What the live monitor did during the replay. */
  monitor: {
    warnings: number;
    breaches: number;
    /** p1/p2 tickets a breach moved to the on-call queue. */
    escalated: number;
    /** `ticket_sla` outcomes recorded on the tickets' traces. */
    outcomes: number;
  };
}

const phaseOf = (report: KpiReport): TicketSlaPhaseKpis => ({
  firstResponse: report.metrics.ticketSlaFirstResponseTimeMs,
  resolution: report.metrics.ticketSlaResolutionTimeMs,
  breachRate: report.metrics.ticketSlaBreachRate,
  byPriority: [...report.ticketSla.byPriority.entries].sort((a, b) => a.key.localeCompare(b.key)),
  byPolicy: [...report.ticketSla.byPolicy.entries].sort((a, b) => a.key.localeCompare(b.key)),
});

/**
 * The ticket SLA KPIs of the baseline and after-learning phases, read from feedback's
 * aggregates of the `ticket_sla` outcomes the live monitor recorded (same windows as the other
 * KPIs: an outcome counts on the day its clock stopped, or on its due day when breached open).
 */
export async function summarizeTicketSlaKpis(replay: ReplayResult): Promise<TicketSlaKpis> {
  const { start, days, baselineDays, helpdesk } = replay;
  const kpis = createKpis({ store: helpdesk.feedbackStore, clock: helpdesk.clock });
  const range = (fromDay: number, toDay: number) => ({
    from: start + (fromDay - 1) * dayMs,
    to: start + toDay * dayMs,
  });
  const afterFrom = days - baselineDays + 1;
  const [baseline, after] = await Promise.all([
    kpis.queryKpis(range(1, baselineDays)),
    kpis.queryKpis(range(afterFrom, days)),
  ]);
  const { warnings, breaches, escalated, outcomes } = helpdesk.ticketSla.counters;
  return {
    phases: { baseline: [1, baselineDays] as const, after: [afterFrom, days] as const },
    baseline: phaseOf(baseline),
    after: phaseOf(after),
    monitor: { warnings, breaches, escalated, outcomes },
  };
}
