import type { ManualClock } from '@guardloop/core';
import type { Slo } from '../slo/define-slo';
import type { SloTracker } from '../slo/slo-tracker';

export interface SloTrafficOptions {
  tracker: SloTracker;
  slo: Slo;
  clock: ManualClock;
  /** How long the traffic lasts (ms). */
  durationMs: number;
  /** Time between two batches (ms): a minute for short windows, an hour for days of history. */
  stepMs: number;
  /** Events per batch. */
  perStep: number;
  /** Bad events per batch (at most `perStep`). */
  bad: number;
  actionType?: string;
}

/**
 * Simulates steady traffic against an SLO without sleeping: records a batch, moves the manual
 * clock one step, and so on for `durationMs`. Batches land in one bucket each, so windows
 * shorter than a step may see none of them: use minute steps for the hours you inspect closely.
 */
export async function simulateSloTraffic({
  tracker,
  slo,
  clock,
  durationMs,
  stepMs,
  perStep,
  bad,
  actionType,
}: SloTrafficOptions): Promise<void> {
  for (let elapsed = 0; elapsed < durationMs; elapsed += stepMs) {
    await tracker.record(slo, {
      good: perStep - bad,
      bad,
      ...(actionType === undefined ? {} : { actionType }),
    });
    clock.advance(stepMs);
  }
}
