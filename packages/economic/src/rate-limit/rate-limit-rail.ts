import {
  allow,
  type Clock,
  deny,
  escalate,
  type Rail,
  type RailEvaluateOptions,
  type RailVerdict,
  systemClock,
} from '@guardloop/core';
import { evaluateWith, throwIfRailAborted } from '@guardloop/core/internal';
import type {
  ConditionalIncrementResult,
  CounterStore,
  CounterWindowLimit,
} from '../counter-store';
import { type Holding, holdForVerdict, takeForVerdict } from '../dropped-verdict';
import { scopeOf } from '../scope';
import { synchronousCountersOf } from '../synchronous-counters';
import { trailingRange } from '../window/bucket-range';
import { formatWindow } from '../window/window';
import { defineRateLimit, type RateLimitInput } from './define-rate-limit';

export interface RateLimitRailOptions extends RateLimitInput {
  store: CounterStore;
  clock?: Clock;
  /** What a decision over the limit gets. Default `'deny'`: a runaway loop should not flood reviewers. */
  onExceeded?: 'escalate' | 'deny';
  /** Rail name; defaults to `rate-limit:<name>`. */
  railName?: string;
  keyPrefix?: string;
  /**
   * Told when giving back the slot of a dropped verdict failed (the window keeps counting it).
   * What it throws is ignored.
   */
  onRefundError?: (error: unknown, slot: RateLimitSlot) => void;
}

/** The slot one decision took: one count in the bucket `bucketStart` of the counter `key`. */
export interface RateLimitSlot {
  rateLimit: string;
  scope: string;
  key: string;
  bucketStart: number;
}

/**
 * Limits how many actions a scope (by default: an actor and an action type) may take per sliding
 * window. The window is kept as a few buckets and checked with `incrementIfWithin`, so the limit
 * holds across processes sharing a store and memory does not grow with traffic; each bucket is
 * written with the retention of one window (`retainMs`), for `createCounterPruner` to drop. A decision over
 * the limit is not counted. The slot is taken when the rail runs and held through
 * `takeForVerdict`, like the cost rail's charge: when the engine drops the rail's verdict
 * (another rail denied first, the caller gave up, the rail timed out) the slot is given back, and
 * a take aborted while its write was on its way rejects with the abort reason, its slot given
 * back. A decision another rail denies after this one answered keeps its slot, and so does a direct
 * call whose signal aborts after the rail answered (no listener is added to it). On the in-memory
 * counters the slot and the verdict come at once (under the engine: no promise).
 * Throws `InvalidRateLimitError` / `InvalidWindowError` for bad limits.
 */
export function rateLimitRail({
  store,
  clock = systemClock,
  onExceeded = 'deny',
  railName,
  keyPrefix = '',
  onRefundError = () => {},
  ...input
}: RateLimitRailOptions): Rail {
  const rateLimit = defineRateLimit(input);
  const window = formatWindow(rateLimit.windowMs);
  const keyBase = `${keyPrefix}rate:${encodeURIComponent(rateLimit.name)}:`;
  const verdictOf = (slot: RateLimitSlot, result: ConditionalIncrementResult): RailVerdict => {
    const evidence = {
      rateLimit: rateLimit.name,
      scope: slot.scope,
      window,
      limit: rateLimit.limit,
      count: result.total,
    };
    if (result.applied) {
      return allow(
        `Rate limit '${rateLimit.name}': ${result.total} of ${rateLimit.limit} per ${window} for ${slot.scope}.`,
        evidence,
      );
    }
    const reason = `Rate limit '${rateLimit.name}' reached: ${result.total} of ${rateLimit.limit} per ${window} already used by ${slot.scope}.`;
    return onExceeded === 'deny' ? deny(reason, evidence) : escalate(reason, evidence);
  };
  const retainMs = rateLimit.retentionMs;
  // Built once: taking a slot runs on every decision.
  const retainOptions = Object.freeze({ retainMs });
  const holding: Holding<ConditionalIncrementResult, RateLimitSlot> = {
    applied: (taken) => taken.applied,
    // With the retention too: a give-back that recreates a pruned bucket must expire as well.
    giveBack: (_taken, slot) => store.increment(slot.key, slot.bucketStart, -1, retainOptions),
    onGiveBackError: (error, _taken, slot) => onRefundError(error, slot),
  };
  const takeLater = async (
    slot: RateLimitSlot,
    limit: CounterWindowLimit,
    options: RailEvaluateOptions,
  ) =>
    verdictOf(
      slot,
      await takeForVerdict({
        railOptions: options,
        take: (takeSignal) =>
          store.incrementIfWithin(slot.key, slot.bucketStart, 1, limit, {
            abortSignal: takeSignal,
            retainMs,
          }),
        ...holding,
        about: slot,
      }),
    );
  return {
    name: railName ?? `rate-limit:${rateLimit.name}`,
    kind: 'economic',
    // On the in-memory counters the slot is taken at once: the verdict comes without a promise
    // (the slot is still given back if the engine drops the verdict, e.g. behind a wrapper).
    evaluate: evaluateWith((context, options) => {
      const action = context.action;
      if (!action) return allow('No action to rate-limit.');
      if (rateLimit.actionTypes && !rateLimit.actionTypes.includes(action.name)) {
        return allow(`Rate limit '${rateLimit.name}' does not cover action type '${action.name}'.`);
      }
      const scope = scopeOf(rateLimit.scope, context);
      const { bucketStart, from, to } = trailingRange(
        clock.now(),
        rateLimit.windowMs,
        rateLimit.bucketMs,
      );
      const slot: RateLimitSlot = {
        rateLimit: rateLimit.name,
        scope: scope.description,
        key: keyBase + scope.key,
        bucketStart,
      };
      const limit = { from, to, limit: rateLimit.limit };
      throwIfRailAborted(options);
      const counters = synchronousCountersOf(store);
      if (counters === undefined) return takeLater(slot, limit, options);
      const taken = counters.incrementIfWithin(slot.key, bucketStart, 1, limit, retainOptions);
      return verdictOf(slot, holdForVerdict(options, taken, holding, slot));
    }),
  };
}
