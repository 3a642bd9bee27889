import type { AutonomyLevel } from './autonomy-level';
import type { SloStatus } from './slo-status';

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const rate = (value: number) => `${value.toFixed(1)}x`;

/** The sentence a reviewer reads: which SLO, burning how fast, over which window, budget left. */
export function describeAutonomy(
  level: AutonomyLevel,
  cause: SloStatus | undefined,
  statuses: readonly SloStatus[],
): string {
  if (!cause) {
    if (statuses.length === 0) return 'Autonomy full: no SLO covers this action type.';
    const budgets = statuses
      .map((status) => `'${status.slo}' ${percent(status.budgetRemaining)} of budget left`)
      .join(', ');
    return `Autonomy full: no SLO is burning its error budget fast (${budgets}).`;
  }
  const budget = `${percent(cause.budgetRemaining)} of the ${cause.window.window} error budget left`;
  if (cause.exhausted) {
    return `Autonomy ${level}: SLO '${cause.slo}' has exhausted its error budget (${budget}; error ratio ${percent(cause.window.errorRatio)} against ${percent(1 - cause.objective)} allowed).`;
  }
  const alert = cause.alerts.find((candidate) => candidate.firing && candidate.autonomy === level);
  if (!alert) return `Autonomy ${level}: SLO '${cause.slo}' is burning its budget (${budget}).`;
  return `Autonomy ${level}: SLO '${cause.slo}' is burning its error budget at ${rate(alert.longBurnRate)} over ${alert.longWindow} and ${rate(alert.shortBurnRate)} over ${alert.shortWindow} (alert threshold ${rate(alert.threshold)}); ${budget}.`;
}
