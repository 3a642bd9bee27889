import { type Clock, parseInput, systemClock } from '@guardloop/core';
import { throwIfAborted } from '@guardloop/core/internal';
import { z } from 'zod';
import type { CounterStore } from '../counter-store';
import { InvalidSloError } from '../errors/invalid-slo-error';
import { bucketStartOf } from '../window/bucket-range';
import { isSlo, type Slo } from './define-slo';
import { evaluateSloStatus } from './evaluate-slo-status';
import { readSloWindows, sloPlan } from './read-slo-windows';
import { createSloCounterKeys } from './slo-counter-keys';
import type { SloStatus } from './slo-status';
import { registerTracker } from './tracker-revision';

export interface SloTrackerOptions {
  store: CounterStore;
  clock?: Clock;
  /** Prepended to every counter key, to share a store between applications. */
  keyPrefix?: string;
}

export interface SloEventInput {
  /** Number of good events (not reverted, not overridden). */
  good?: number;
  /** Number of bad events (reverted or overridden by a human). */
  bad?: number;
  /** Action type of the events; an SLO restricted to action types ignores others and unknown ones. */
  actionType?: string;
}

export interface SloCallOptions {
  abortSignal?: AbortSignal;
}

export interface SloTracker {
  /** Counts events at the clock's time; resolves false when the SLO does not cover the action type. */
  record(slo: Slo, event: SloEventInput, options?: SloCallOptions): Promise<boolean>;
  /** Budget left, burn rate per window, alerts and autonomy level at the clock's time. */
  status(slo: Slo, options?: SloCallOptions): Promise<SloStatus>;
}

const count = z.int().nonnegative().default(0);
const eventSchema = z
  .object({ good: count, bad: count, actionType: z.string().min(1).optional() })
  .refine((event) => event.good + event.bad > 0, {
    message: 'record at least one good or bad event',
  });

/**
 * Records good and bad events of SLOs in time-bucketed counters (memory bounded by time, not
 * by traffic) and evaluates error budgets and multiwindow burn-rate alerts. `record` and
 * `status` throw `InvalidSloError` for a value not made by `defineSlo` and `InvalidInputError`
 * for a malformed event.
 */
export function createSloTracker({
  store,
  clock = systemClock,
  keyPrefix = '',
}: SloTrackerOptions): SloTracker {
  const keyOf = createSloCounterKeys(keyPrefix);

  const tracker: SloTracker = {
    async record(slo, event, options = {}) {
      assertSlo(slo);
      const { good, bad, actionType } = parseInput(eventSchema, event, 'SLO event');
      throwIfAborted(options.abortSignal);
      if (slo.actionTypes && (actionType === undefined || !slo.actionTypes.includes(actionType))) {
        return false;
      }
      const key = keyOf(slo);
      const now = clock.now();
      // Before and after the writes: a reading taken while they are on their way is not reused.
      revision.revision += 1;
      const writes: Promise<number>[] = [];
      for (const { bucketMs, retainMs } of sloPlan(slo).buckets) {
        const bucketStart = bucketStartOf(now, bucketMs);
        const write = { ...options, retainMs };
        if (good > 0) writes.push(store.increment(key('good', bucketMs), bucketStart, good, write));
        if (bad > 0) writes.push(store.increment(key('bad', bucketMs), bucketStart, bad, write));
      }
      try {
        await Promise.all(writes);
      } finally {
        revision.revision += 1;
      }
      return true;
    },

    async status(slo, options = {}) {
      assertSlo(slo);
      throwIfAborted(options.abortSignal);
      const at = clock.now();
      const readings = await readSloWindows({ store, slo, at, key: keyOf(slo), options });
      return evaluateSloStatus(slo, readings, at);
    },
  };
  const revision = registerTracker(tracker, clock);
  return tracker;
}

function assertSlo(slo: unknown): asserts slo is Slo {
  if (!isSlo(slo)) {
    throw new InvalidSloError({
      issues: [{ path: '', message: 'not an SLO: create it with defineSlo()' }],
    });
  }
}
