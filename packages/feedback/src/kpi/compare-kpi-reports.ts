import { twoProportionPValue } from '../statistics/proportion-statistics';
import type { DurationDistribution } from './human-review-kpis';
import type { KpiMetricName, KpiReport, Mean, Rate } from './kpi-report';

/** Which way is better for each KPI. */
export const kpiPolarity: Readonly<Record<KpiMetricName, 'higher' | 'lower'>> = {
  firstContactResolution: 'higher',
  reopenRate: 'lower',
  escalationRate: 'lower',
  overrideRate: 'lower',
  macroEditRate: 'lower',
  articleHelpfulness: 'higher',
  deflectionQuality: 'higher',
  csat: 'higher',
  timeToFirstResponseMs: 'lower',
  timeToResolutionMs: 'lower',
  humanDecisionTimeMs: 'lower',
  humanAcknowledgeTimeMs: 'lower',
  approvalRate: 'higher',
  slaBreachRate: 'lower',
  ticketSlaFirstResponseTimeMs: 'lower',
  ticketSlaResolutionTimeMs: 'lower',
  ticketSlaBreachRate: 'lower',
};

export type KpiDirection = 'good' | 'bad' | 'unchanged' | 'unknown';

export interface KpiDelta {
  metric: KpiMetricName;
  baseline: number | null;
  current: number | null;
  /** `current - baseline`. */
  delta: number | null;
  /** `delta / baseline`; null when the baseline is null or zero. */
  relativeChange: number | null;
  direction: KpiDirection;
  /** Rates only: two-sided p-value of the two-proportion z-test. */
  pValue?: number;
}

export interface KpiComparison {
  baseline: KpiReport;
  current: KpiReport;
  deltas: KpiDelta[];
}

const isRate = (value: Rate | Mean | DurationDistribution): value is Rate => 'denominator' in value;

/** Deltas of every KPI from `baseline` to `current`, each judged good or bad by its polarity. */
export function compareKpiReports(baseline: KpiReport, current: KpiReport): KpiComparison {
  const deltas = (Object.keys(kpiPolarity) as KpiMetricName[]).map((metric): KpiDelta => {
    const before = baseline.metrics[metric];
    const after = current.metrics[metric];
    const delta = before.value === null || after.value === null ? null : after.value - before.value;
    const direction: KpiDirection =
      delta === null
        ? 'unknown'
        : delta === 0
          ? 'unchanged'
          : delta > 0 === (kpiPolarity[metric] === 'higher')
            ? 'good'
            : 'bad';
    const result: KpiDelta = {
      metric,
      baseline: before.value,
      current: after.value,
      delta,
      relativeChange: delta === null || !before.value ? null : delta / before.value,
      direction,
    };
    if (isRate(before) && isRate(after)) {
      const pValue = twoProportionPValue(
        before.numerator,
        before.denominator,
        after.numerator,
        after.denominator,
      );
      if (pValue !== undefined) result.pValue = pValue;
    }
    return result;
  });
  return { baseline, current, deltas };
}
