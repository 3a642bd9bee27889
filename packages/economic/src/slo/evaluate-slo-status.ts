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
  // Exact burn rates, computed once per reading and looked up by window; no closures per call
  // (the rail evaluates this on every decision).
  const burns: Ratio[] = [];
  for (const entry of readings) burns.push(exactBurn(slo, entry));
  const windowIndex = readingIndex(readings, slo.windowMs);
  const window = readings[windowIndex] as SloWindowReading;
  const remaining = budgetLeft(burns[windowIndex] as Ratio);
  const budgetRemaining = ratioToNumber(remaining);
  const exhausted =
    remaining.numerator <= 0n && window.total > 0 && window.total >= slo.minimumEvents;
  const alerts: SloAlertStatus[] = [];
  let autonomy: AutonomyLevel = exhausted ? 'none' : 'full';
  const burnRates: Record<string, number> = {};
  for (const entry of readings) burnRates[entry.window] = entry.burnRate;
  for (const alert of slo.alerts) {
    const longIndex = readingIndex(readings, alert.longWindowMs);
    const shortIndex = readingIndex(readings, alert.shortWindowMs);
    const long = readings[longIndex] as SloWindowReading;
    const short = readings[shortIndex] as SloWindowReading;
    const enough = long.total >= slo.minimumEvents && short.total >= slo.minimumEvents;
    const threshold = alertThreshold(alert);
    const firing =
      enough &&
      compareRatios(burns[longIndex] as Ratio, threshold) > 0 &&
      compareRatios(burns[shortIndex] as Ratio, threshold) > 0;
    if (firing) autonomy = lowerAutonomy(autonomy, alert.autonomy);
    alerts.push({
      longWindow: long.window,
      shortWindow: short.window,
      threshold: alert.burnRate,
      budgetConsumed: alert.budgetConsumed,
      longBurnRate: long.burnRate,
      shortBurnRate: short.burnRate,
      firing,
      autonomy: alert.autonomy,
    });
  }
  return {
    slo: slo.name,
    objective: slo.objective,
    at,
    window,
    budgetRemaining,
    exhausted,
    burnRates,
    windows: [...readings],
    alerts,
    autonomy,
  };
}

function exactBurn(slo: Slo, entry: SloWindowReading): Ratio {
  return exactBurnRate({ good: entry.good, bad: entry.bad, objective: slo.objective });
}

function readingIndex(readings: readonly SloWindowReading[], windowMs: number): number {
  for (let index = 0; index < readings.length; index++) {
    if ((readings[index] as SloWindowReading).windowMs === windowMs) return index;
  }
  throw new Error(`No reading for window ${windowMs}ms.`);
}
