import { allow, type Clock, deny, escalate, type Rail, systemClock } from '@guardloop/core';
import type { CounterStore } from '../counter-store';
import { scopeOf } from '../scope';
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
}

/**
 * Limits how many actions a scope (by default: an actor and an action type) may take per sliding
 * window. The window is kept as a few buckets and checked with `incrementIfWithin`, so the limit
 * holds across processes sharing a store and memory does not grow with traffic. A decision over
 * the limit is not counted. Throws `InvalidRateLimitError` / `InvalidWindowError` for bad limits.
 */
export function rateLimitRail({
  store,
  clock = systemClock,
  onExceeded = 'deny',
  railName,
  keyPrefix = '',
  ...input
}: RateLimitRailOptions): Rail {
  const rateLimit = defineRateLimit(input);
  const window = formatWindow(rateLimit.windowMs);
  return {
    name: railName ?? `rate-limit:${rateLimit.name}`,
    kind: 'economic',
    async evaluate(context, { signal }) {
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
      const result = await store.incrementIfWithin(
        `${keyPrefix}rate:${encodeURIComponent(rateLimit.name)}:${scope.key}`,
        bucketStart,
        1,
        { from, to, limit: rateLimit.limit },
        { abortSignal: signal },
      );
      const evidence = {
        rateLimit: rateLimit.name,
        scope: scope.description,
        window,
        limit: rateLimit.limit,
        count: result.total,
      };
      if (result.applied) {
        return allow(
          `Rate limit '${rateLimit.name}': ${result.total} of ${rateLimit.limit} per ${window} for ${scope.description}.`,
          evidence,
        );
      }
      const reason = `Rate limit '${rateLimit.name}' reached: ${result.total} of ${rateLimit.limit} per ${window} already used by ${scope.description}.`;
      return onExceeded === 'deny' ? deny(reason, evidence) : escalate(reason, evidence);
    },
  };
}
