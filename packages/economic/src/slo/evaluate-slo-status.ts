import { type AutonomyLevel, lowerAutonomy } from './autonomy-level';
import type { Slo } from './define-slo';
import type { SloAlertStatus, SloStatus, SloWindowReading } from './slo-status';

/**
 * Budget, alerts and autonomy of an SLO from its window readings. An alert fires only when both
 * its long and its short window burn faster than the threshold, each with at least
 * `minimumEvents` events; an exhausted budget alone drops autonomy to none.
 */
export function evaluateSloStatus(
  slo: Slo,
  readings: readonly SloWindowReading[],
  at: number,
): SloStatus {
  const reading = (windowMs: number) => {
    const found = readings.find((candidate) => candidate.windowMs === windowMs);
    if (!found) throw new Error(`No reading for window ${windowMs}ms.`);
    return found;
  };
  const window = reading(slo.windowMs);
  const allowedBad = (1 - slo.objective) * window.total;
  const budgetRemaining = window.total === 0 ? 1 : 1 - window.bad / allowedBad;
  const exhausted = budgetRemaining <= 0 && window.total >= slo.minimumEvents;
  const alerts = slo.alerts.map((alert): SloAlertStatus => {
    const long = reading(alert.longWindowMs);
    const short = reading(alert.shortWindowMs);
    const enough = long.total >= slo.minimumEvents && short.total >= slo.minimumEvents;
    return {
      longWindow: long.window,
      shortWindow: short.window,
      threshold: alert.burnRate,
      budgetConsumed: alert.budgetConsumed,
      longBurnRate: long.burnRate,
      shortBurnRate: short.burnRate,
      firing: enough && long.burnRate > alert.burnRate && short.burnRate > alert.burnRate,
      autonomy: alert.autonomy,
    };
  });
  let autonomy: AutonomyLevel = exhausted ? 'none' : 'full';
  for (const alert of alerts) if (alert.firing) autonomy = lowerAutonomy(autonomy, alert.autonomy);
  return {
    slo: slo.name,
    objective: slo.objective,
    at,
    window,
    budgetRemaining,
    exhausted,
    burnRates: Object.fromEntries(readings.map((entry) => [entry.window, entry.burnRate])),
    windows: [...readings],
    alerts,
    autonomy,
  };
}
