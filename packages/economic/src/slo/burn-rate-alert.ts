import type { InputIssue } from '@guardloop/core';
import { z } from 'zod';
import {
  decimalRatio,
  divideRatios,
  multiplyRatios,
  type Ratio,
  ratioToNumber,
} from '../exact-ratio';
import { parseWindow } from '../window/window';
import { type BurnRateAlertInput, exactBurnRateForBudgetConsumed } from './burn-rate';

/** A burn-rate alert of an SLO, resolved to milliseconds and a threshold. */
export interface BurnRateAlert {
  longWindowMs: number;
  shortWindowMs: number;
  /** Threshold both windows must exceed for the alert to fire. */
  burnRate: number;
  /** Share of the budget the long window spends when burning at the threshold. */
  budgetConsumed: number;
  autonomy: 'reduced' | 'none';
}

// The exact threshold of each resolved alert: `burnRate` is its nearest double, for reports.
const thresholds = new WeakMap<BurnRateAlert, Ratio>();

/** The alert's threshold as an exact fraction, to compare burn rates against without rounding. */
export function alertThreshold(alert: BurnRateAlert): Ratio {
  return thresholds.get(alert) ?? decimalRatio(alert.burnRate);
}

export const burnRateAlertSchema = z
  .object({
    longWindow: z.union([z.number(), z.string()]),
    shortWindow: z.union([z.number(), z.string()]),
    burnRate: z.number().positive().optional(),
    budgetConsumed: z.number().gt(0).max(1).optional(),
    autonomy: z.enum(['reduced', 'none']).default('none'),
  })
  .refine((alert) => (alert.burnRate === undefined) !== (alert.budgetConsumed === undefined), {
    message: 'give exactly one of burnRate and budgetConsumed',
  });

/**
 * Turns an alert as given into windows in milliseconds and a burn-rate threshold. Throws
 * `InvalidWindowError` for a bad window and `toError` (the SLO's `InvalidSloError`) for a long
 * window beyond the SLO window or a short window that is not shorter than the long one.
 */
export function resolveBurnRateAlert(
  alert: BurnRateAlertInput,
  {
    index,
    sloWindowMs,
    subject,
    toError,
  }: {
    index: number;
    sloWindowMs: number;
    subject: string;
    toError: (issues: InputIssue[]) => Error;
  },
): BurnRateAlert {
  const at = `alerts.${index}`;
  const longWindowMs = parseWindow(alert.longWindow, `${subject}.${at}.longWindow`);
  const shortWindowMs = parseWindow(alert.shortWindow, `${subject}.${at}.shortWindow`);
  if (longWindowMs > sloWindowMs) {
    throw toError([{ path: `${at}.longWindow`, message: 'is longer than the SLO window' }]);
  }
  if (shortWindowMs >= longWindowMs) {
    throw toError([{ path: `${at}.shortWindow`, message: 'must be shorter than longWindow' }]);
  }
  const threshold =
    alert.burnRate === undefined
      ? exactBurnRateForBudgetConsumed({
          budgetConsumed: alert.budgetConsumed ?? 0,
          windowMs: longWindowMs,
          sloWindowMs,
        })
      : decimalRatio(alert.burnRate);
  const resolved: BurnRateAlert = {
    longWindowMs,
    shortWindowMs,
    burnRate: ratioToNumber(threshold),
    budgetConsumed: ratioToNumber(
      multiplyRatios(
        threshold,
        divideRatios(decimalRatio(longWindowMs), decimalRatio(sloWindowMs)),
      ),
    ),
    autonomy: alert.autonomy ?? 'none',
  };
  thresholds.set(resolved, threshold);
  return resolved;
}
