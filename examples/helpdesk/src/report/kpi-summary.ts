import { createKpis, type KpiReport } from '@guardloop/feedback';
import type { ReplayResult } from '../simulation/replay';
import type { DayTally } from './run-log';

/** One KPI of the phase comparison. */
export interface KpiRow {
  label: string;
  baseline: number | null;
  after: number | null;
  format: 'percent' | 'score';
  better: 'higher' | 'lower';
}

export interface DayKpis {
  day: number;
  firstContactResolution: number | null;
  reopenRate: number | null;
  escalationRate: number | null;
  overrideRate: number | null;
  autonomousShare: number | null;
  csat: number | null;
}

const dayMs = 86_400_000;

/** Acted autonomously, of the tickets that reached the loop (duplicates excluded). */
export function autonomousShare(days: readonly DayTally[]): number | null {
  const handled = days.reduce((sum, day) => sum + day.signals - day.duplicates, 0);
  const acted = days.reduce((sum, day) => sum + day.acted, 0);
  return handled > 0 ? acted / handled : null;
}

const rows = (
  baseline: KpiReport,
  after: KpiReport,
  shares: [number | null, number | null],
): KpiRow[] => {
  const rate = (
    label: string,
    pick: (report: KpiReport) => number | null,
    better: KpiRow['better'],
  ): KpiRow => ({
    label,
    baseline: pick(baseline),
    after: pick(after),
    format: 'percent',
    better,
  });
  return [
    rate('First-contact resolution', (r) => r.metrics.firstContactResolution.value, 'higher'),
    rate('Reopen rate', (r) => r.metrics.reopenRate.value, 'lower'),
    rate('Escalation rate', (r) => r.metrics.escalationRate.value, 'lower'),
    rate('Override rate', (r) => r.metrics.overrideRate.value, 'lower'),
    {
      label: 'Autonomous action share',
      baseline: shares[0],
      after: shares[1],
      format: 'percent',
      better: 'higher',
    },
    {
      label: 'CSAT (1-5)',
      baseline: baseline.metrics.csat.value,
      after: after.metrics.csat.value,
      format: 'score',
      better: 'higher',
    },
  ];
};

/**
 * The numbers behind both reports: KPIs of the baseline phase (before learning) and of the last
 * phase (after learning), per simulated day, and for the category the outcome router learns on.
 * KPIs come from @guardloop/feedback's aggregates; shares of autonomous actions from the run log.
 */
export async function summarizeKpis(replay: ReplayResult, routedCategory = 'bug_report') {
  const { start, days, baselineDays, helpdesk } = replay;
  const kpis = createKpis({ store: helpdesk.feedbackStore, clock: helpdesk.clock });
  const range = (fromDay: number, toDay: number) => ({
    from: start + (fromDay - 1) * dayMs,
    to: start + toDay * dayMs,
  });
  const afterFrom = days - baselineDays + 1;
  const tallies = helpdesk.runLog.days();
  const inPhase = (from: number, to: number) =>
    tallies.filter((day) => day.day >= from && day.day <= to);
  const [baseline, after] = await Promise.all([
    kpis.queryKpis(range(1, baselineDays)),
    kpis.queryKpis(range(afterFrom, days)),
  ]);
  const routed = await kpis.compareKpis(range(1, baselineDays), range(afterFrom, days), {
    category: routedCategory,
  });
  const daily: DayKpis[] = [];
  for (let day = 1; day <= days; day++) {
    const report = await kpis.queryKpis(range(day, day));
    daily.push({
      day,
      firstContactResolution: report.metrics.firstContactResolution.value,
      reopenRate: report.metrics.reopenRate.value,
      escalationRate: report.metrics.escalationRate.value,
      overrideRate: report.metrics.overrideRate.value,
      autonomousShare: autonomousShare(inPhase(day, day)),
      csat: report.metrics.csat.value,
    });
  }
  return {
    phases: { baseline: [1, baselineDays] as const, after: [afterFrom, days] as const },
    rows: rows(baseline, after, [
      autonomousShare(inPhase(1, baselineDays)),
      autonomousShare(inPhase(afterFrom, days)),
    ]),
    routed: {
      category: routedCategory,
      baseline: routed.baseline.metrics.firstContactResolution,
      after: routed.current.metrics.firstContactResolution,
    },
    daily,
  };
}

export type KpiSummary = Awaited<ReturnType<typeof summarizeKpis>>;
