import { compareRatios, type Ratio, ratioToNumber } from '../exact-ratio';
import { type AutonomyLevel, lowerAutonomy } from './autonomy-level';
import { alertThreshold } from './burn-rate-alert';
import type { Slo } from './define-slo';
import { budgetLeft, exactBurnRate } from './exact-burn';
import type { SloAlertStatus, SloStatus, SloWindowReading } from './slo-status';

/**
 * Budget, alerts and autonomy of an SLO from its window readings. An alert fires only when both
 * its long and its short window burn faster than the threshold, each with at least
 * `minimumEvents` events; an exhausted budget alone drops autonomy to none. Both decisions are
 * made on exact fractions of the event counts and of the objective as written, so that a window
 * exactly at its limit (99 good / 1 bad against 0.99) is exhausted, and one burning exactly at a
 * threshold does not fire.
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
  const burns = new Map<SloWindowReading, Ratio>();
  const burn = (entry: SloWindowReading) => {
    let exact = burns.get(entry);
    if (!exact) {
      exact = exactBurnRate({ good: entry.good, bad: entry.bad, objective: slo.objective });
      burns.set(entry, exact);
    }
    return exact;
  };
  const window = reading(slo.windowMs);
  const remaining = budgetLeft(burn(window));
  const budgetRemaining = ratioToNumber(remaining);
  const exhausted =
    remaining.numerator <= 0n && window.total > 0 && window.total >= slo.minimumEvents;
  const alerts = slo.alerts.map((alert): SloAlertStatus => {
    const long = reading(alert.longWindowMs);
    const short = reading(alert.shortWindowMs);
    const enough = long.total >= slo.minimumEvents && short.total >= slo.minimumEvents;
    const threshold = alertThreshold(alert);
    const faster = (entry: SloWindowReading) => compareRatios(burn(entry), threshold) > 0;
    return {
      longWindow: long.window,
      shortWindow: short.window,
      threshold: alert.burnRate,
      budgetConsumed: alert.budgetConsumed,
      longBurnRate: long.burnRate,
      shortBurnRate: short.burnRate,
      firing: enough && faster(long) && faster(short),
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
