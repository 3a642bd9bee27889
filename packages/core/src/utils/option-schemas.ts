import { z } from 'zod';
import type { Clock } from './clock';
import type { IdGenerator } from './id-generator';

/** The longest delay timers honour: Node and browsers clamp anything longer (or < 1) to 1 ms. */
export const maxTimeoutMs = 2 ** 31 - 1;

/** A timeout in ms that timers will honour as written: finite, 1 to 2^31 − 1. */
export const timeoutMsSchema = z
  .number()
  .min(1, 'must be at least 1 ms')
  .max(maxTimeoutMs, `must be at most ${maxTimeoutMs} ms (2^31 - 1), or timers fire at once`);

/** True when `value` is a timeout that `timeoutMsSchema` accepts; for hot paths. */
export function isValidTimeoutMs(value: unknown): value is number {
  return typeof value === 'number' && value >= 1 && value <= maxTimeoutMs;
}

export const clockSchema = z.custom<Clock>(
  (value) =>
    typeof (value as Clock | null)?.now === 'function' &&
    typeof (value as Clock).setTimer === 'function',
  'Expected a clock with now() and setTimer()',
);

export const idGeneratorSchema = z.custom<IdGenerator>(
  (value) => typeof value === 'function',
  'Expected a function returning ids',
);

export const abortSignalSchema = z.custom<AbortSignal>(
  (value) => value instanceof AbortSignal,
  'Expected an AbortSignal',
);

/** The options of a call whose only option is its cancellation. */
export const abortOptionsSchema = z
  .object({ abortSignal: abortSignalSchema.optional() })
  .optional();
