import { createKpis, type HumanReviewBreakdownEntry, type Rate } from '@guardloop/feedback';
import type { ReplayResult } from '../simulation/replay';

/** One rail's or action's inbox decisions. */
export interface ReviewRow {
  key: string;
  decided: number;
  approved: number;
  edited: number;
  rejected: number;
  approvalRate: number | null;
  slaBreached: number;
}

export interface HumanReviewSummary {
  decided: number;
  approved: number;
  edited: number;
  rejected: number;
  approvalRate: Rate;
  /** Escalation to first claim, and to the decision (ms): median and 90th percentile. */
  acknowledge: { median: number | null; p90: number | null };
  decide: { median: number | null; p90: number | null };
  slaBreachRate: Rate;
  /** Breach events by deadline, as the SLA monitor reported them while items were pending. */
  breaches: { acknowledge: number; decide: number };
  byRail: ReviewRow[];
  byAction: ReviewRow[];
}

const rowOf = (entry: HumanReviewBreakdownEntry): ReviewRow => ({
  key: entry.key,
  decided: entry.counters.approved + entry.counters.approvedWithEdits + entry.counters.rejected,
  approved: entry.counters.approved,
  edited: entry.counters.approvedWithEdits,
  rejected: entry.counters.rejected,
  approvalRate: entry.approvalRate.value,
  slaBreached: entry.counters.slaBreached,
});

/**
 * The inbox as the KPIs see it, over the whole replay: what reviewers decided (the inbox records
 * each decision and breach in @guardloop/feedback), how fast, and per rail and action.
 */
export async function summarizeHumanReview(replay: ReplayResult): Promise<HumanReviewSummary> {
  const { helpdesk, start, days } = replay;
  const kpis = createKpis({ store: helpdesk.feedbackStore, clock: helpdesk.clock });
  // Four days past the last ticket: the replay lets the last escalations be decided.
  const report = await kpis.queryKpis({ from: start, to: start + (days + 4) * 86_400_000 });
  const { counters, metrics, humanReview } = report;
  const breaches = { acknowledge: 0, decide: 0 };
  for (const breach of helpdesk.runLog.slaBreaches) {
    if (breach.deadline === 'acknowledge' || breach.deadline === 'decide')
      breaches[breach.deadline] += 1;
  }
  return {
    decided: counters.humanDecisions,
    approved: counters.humanApproved,
    edited: counters.humanApprovedWithEdits,
    rejected: counters.humanRejected,
    approvalRate: metrics.approvalRate,
    acknowledge: {
      median: metrics.humanAcknowledgeTimeMs.median,
      p90: metrics.humanAcknowledgeTimeMs.p90,
    },
    decide: { median: metrics.humanDecisionTimeMs.median, p90: metrics.humanDecisionTimeMs.p90 },
    slaBreachRate: metrics.slaBreachRate,
    breaches,
    byRail: humanReview.byRail.entries.map(rowOf),
    byAction: humanReview.byAction.entries.map(rowOf),
  };
}
