import { z } from 'zod';
import { InvalidRateLimitError } from '../errors/invalid-rate-limit-error';
import { configurationNameSchema, parseConfiguration, readableName } from '../parse-configuration';
import { type ScopeDimension, scopeSchema } from '../scope';
import { parseWindow, type WindowInput } from '../window/window';

export interface RateLimitInput {
  name: string;
  /** Most decisions the scope may make per window; a positive integer. */
  limit: number;
  /** Sliding window, e.g. `'1m'`. */
  window: WindowInput;
  /** What the limit is counted per. Default `['actor', 'actionType']`. */
  scope?: readonly ScopeDimension[];
  /** Action types limited; all when absent. */
  actionTypes?: readonly string[];
  /** Buckets the window is split into: more is smoother and costs more reads. Default 10. */
  buckets?: number;
}

/** A validated rate limit, as returned by `defineRateLimit`. */
export interface RateLimit {
  readonly name: string;
  readonly limit: number;
  readonly windowMs: number;
  readonly bucketMs: number;
  /**
   * How long each bucket is kept: the buckets of one window plus one, so that a process whose
   * clock runs a little behind the pruner's still reads whole windows. Passed as `retainMs`.
   */
  readonly retentionMs: number;
  readonly scope: readonly ScopeDimension[];
  readonly actionTypes: readonly string[] | undefined;
}

const rateLimitSchema = z.object({
  name: configurationNameSchema,
  limit: z.int().positive('must be a positive integer'),
  window: z.union([z.number(), z.string()]),
  scope: scopeSchema.default(['actor', 'actionType']),
  actionTypes: z.array(z.string().min(1)).min(1).optional(),
  buckets: z.int().min(1).max(1000).default(10),
});

/**
 * Validates a rate limit. Throws `InvalidRateLimitError` (code `invalid_rate_limit`) for a zero,
 * negative or fractional limit or an unknown scope, and `InvalidWindowError` (code
 * `invalid_window`) for a window that is not a positive duration.
 */
export function defineRateLimit(input: RateLimitInput): RateLimit {
  const name = readableName(input);
  const parsed = parseConfiguration(
    rateLimitSchema,
    input,
    (issues, cause) =>
      new InvalidRateLimitError({
        ...(name === undefined ? {} : { rateLimit: name }),
        issues,
        cause,
      }),
  );
  const windowMs = parseWindow(parsed.window as WindowInput, `rate limit '${parsed.name}'.window`);
  const bucketMs = Math.ceil(windowMs / parsed.buckets);
  return Object.freeze({
    name: parsed.name,
    limit: parsed.limit,
    windowMs,
    bucketMs,
    retentionMs: (Math.ceil(windowMs / bucketMs) + 1) * bucketMs,
    scope: Object.freeze([...parsed.scope]),
    actionTypes:
      parsed.actionTypes === undefined ? undefined : Object.freeze([...parsed.actionTypes]),
  });
}
