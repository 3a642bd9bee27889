import {
  decimalRatio,
  divideRatios,
  multiplyRatios,
  type Ratio,
  ratioToNumber,
} from '../exact-ratio';
import type { WindowInput } from '../window/window';
import { allowedErrorRatio } from './exact-burn';

/** An alert policy as given to `defineSlo`: either a burn-rate threshold or the budget share it stands for. */
export interface BurnRateAlertInput {
  /** The window the burn is measured over, e.g. `'1h'`. */
  longWindow: WindowInput;
  /** A shorter window that must burn too, so the alert stops soon after the burn does, e.g. `'5m'`. */
  shortWindow: WindowInput;
  /** Threshold, in multiples of the sustainable burn rate (1 = exactly on budget). */
  burnRate?: number;
  /** Or: share of the whole error budget spent if the long window burns at the threshold. */
  budgetConsumed?: number;
  /** Where autonomy drops while the alert fires. Default `'none'`. */
  autonomy?: 'reduced' | 'none';
}

/**
 * The three policies of the Google SRE Workbook ("Alerting on SLOs", multiwindow, multi-burn-rate
 * alerts), as shares of the budget so they scale with the SLO window. For a 30-day SLO they are
 * 14.4x over 1h (2% of the budget), 6x over 6h (5%) and 1x over 3 days (10%). The first two page
 * (autonomy drops to none), the third opens a ticket (autonomy is reduced).
 */
export const defaultBurnRateAlerts: readonly BurnRateAlertInput[] = [
  { longWindow: '1h', shortWindow: '5m', budgetConsumed: 0.02, autonomy: 'none' },
  { longWindow: '6h', shortWindow: '30m', budgetConsumed: 0.05, autonomy: 'none' },
  { longWindow: '3d', shortWindow: '6h', budgetConsumed: 0.1, autonomy: 'reduced' },
];

/**
 * How fast errors eat the budget: the error ratio divided by the ratio the objective allows.
 * 1 spends exactly the budget over the SLO window; 14.4 spends a 30-day budget in 50 hours.
 * Computed on the decimals as written (`0.1` against `0.9` is exactly 1), then rounded once.
 */
export function burnRate({ errorRatio, objective }: { errorRatio: number; objective: number }) {
  return ratioToNumber(divideRatios(decimalRatio(errorRatio), allowedErrorRatio(objective)));
}

/** The threshold an alert stands for, exactly: `budgetConsumed * sloWindowMs / windowMs`. */
export function exactBurnRateForBudgetConsumed({
  budgetConsumed,
  windowMs,
  sloWindowMs,
}: {
  budgetConsumed: number;
  windowMs: number;
  sloWindowMs: number;
}): Ratio {
  return multiplyRatios(
    decimalRatio(budgetConsumed),
    divideRatios(decimalRatio(sloWindowMs), decimalRatio(windowMs)),
  );
}

/** Burn rate at which `windowMs` of burning spends `budgetConsumed` of the SLO window's budget. */
export function burnRateForBudgetConsumed({
  budgetConsumed,
  windowMs,
  sloWindowMs,
}: {
  budgetConsumed: number;
  windowMs: number;
  sloWindowMs: number;
}): number {
  return ratioToNumber(exactBurnRateForBudgetConsumed({ budgetConsumed, windowMs, sloWindowMs }));
}

/** Share of the SLO window's budget spent by burning at `burnRate` for `windowMs`. */
export function budgetConsumedByBurn({
  burnRate: rate,
  windowMs,
  sloWindowMs,
}: {
  burnRate: number;
  windowMs: number;
  sloWindowMs: number;
}): number {
  return ratioToNumber(
    multiplyRatios(
      decimalRatio(rate),
      divideRatios(decimalRatio(windowMs), decimalRatio(sloWindowMs)),
    ),
  );
}
