import type { AutonomyLevel } from './autonomy-level';

/** Events and burn over one trailing window. */
export interface SloWindowReading {
  /** Label such as `'5m'`, `'1h'`, `'30d'`. */
  window: string;
  windowMs: number;
  good: number;
  bad: number;
  total: number;
  /** `bad / total`; 0 without events. */
  errorRatio: number;
  /**
   * `errorRatio / (1 - objective)`; 1 spends the budget exactly over the SLO window. Computed
   * exactly from the counts and the objective as written, then rounded once.
   */
  burnRate: number;
}

/** One multiwindow burn-rate alert, evaluated. */
export interface SloAlertStatus {
  longWindow: string;
  shortWindow: string;
  /** Burn rate both windows must exceed. */
  threshold: number;
  /** Share of the budget the long window spends at the threshold (2% for 14.4x over 1h of 30d). */
  budgetConsumed: number;
  longBurnRate: number;
  shortBurnRate: number;
  /** True only when both the long and the short window burn faster than the threshold. */
  firing: boolean;
  /** Where autonomy drops while this alert fires. */
  autonomy: 'reduced' | 'none';
}

/** An SLO's state at `at`, as computed by `SloTracker.status`. */
export interface SloStatus {
  slo: string;
  objective: number;
  at: number;
  /** The SLO window's own reading (e.g. over 30 days). */
  window: SloWindowReading;
  /** Share of the error budget left over the SLO window: 1 untouched, 0 or less exhausted. */
  budgetRemaining: number;
  exhausted: boolean;
  /** Burn rate per window label, e.g. `{ '5m': 20, '1h': 16.2, '30d': 0.4 }`. */
  burnRates: Record<string, number>;
  windows: SloWindowReading[];
  alerts: SloAlertStatus[];
  /** `none` when the budget is exhausted or a `none` alert fires, `reduced` for a `reduced` alert. */
  autonomy: AutonomyLevel;
}
