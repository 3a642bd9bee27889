import { InvalidInputError, parseInput } from '@guardloop/core';
import { createStoreArgumentParser } from '@guardloop/core/internal';
import { z } from 'zod';
import type { CounterWriteOptions } from './counter-store';
import { isWellFormed } from './is-well-formed';

/**
 * Longest counter key, in UTF-8 bytes. PostgreSQL refuses index entries over 2704 bytes, and the
 * key is part of the counters' primary key: 2048 leaves room for the bucket and the row header.
 */
export const maxCounterKeyBytes = 2048;

/**
 * Largest amount one call may add or take, and largest bucket value and conditional window total,
 * in magnitude: counters hold integers exactly up to it.
 */
export const maxCounterAmount = Number.MAX_SAFE_INTEGER;

/** True when a bucket or window may hold `value`: beyond it doubles stop counting by one. */
export const isWithinCounterRange = (value: number): boolean =>
  value >= -maxCounterAmount && value <= maxCounterAmount;

/**
 * The error of an `increment` that would take its bucket beyond `maxCounterAmount` (nothing is
 * written): past 2^53 doubles round, and the counter would silently lose part of the amount.
 */
export function counterOverflowError(key: string, bucketStart: number): InvalidInputError {
  return new InvalidInputError({
    subject: 'CounterStore.increment arguments',
    issues: [
      {
        path: '2',
        message: `would take bucket ${bucketStart} of counter ${JSON.stringify(key.slice(0, 64))} beyond ±${maxCounterAmount}`,
      },
    ],
  });
}

const encoder = new TextEncoder();
// Most keys are short: at most 3 UTF-8 bytes per UTF-16 unit, so they skip the encoding.
const fitsInKey = (value: string) =>
  value.length * 3 <= maxCounterKeyBytes || encoder.encode(value).length <= maxCounterKeyBytes;

const key = z
  .string()
  .min(1, 'counter keys are non-empty strings')
  .refine(isWellFormed, 'counter keys must be well-formed UTF-16 (no lone surrogate)')
  .refine((value) => !value.includes('\u0000'), 'counter keys must not contain NUL characters')
  .refine(fitsInKey, `counter keys are at most ${maxCounterKeyBytes} bytes in UTF-8`);
// Safe integers: bucket starts are epoch milliseconds and must round-trip through bigint columns.
const time = z.int();
// zod 4 numbers reject NaN and ±Infinity; the bound keeps every sum finite in every store.
const amount = z.number().min(-maxCounterAmount).max(maxCounterAmount);
const ordered = (from: number, to: number) => from <= to;
const orderMessage = { message: '`from` must not be after `to`', path: [2] };

const windowLimit = z
  .object({ from: time, to: time, limit: z.number() })
  .refine(({ from, to }) => ordered(from, to), { message: '`from` must not be after `to`' });

/** Argument tuples of each `CounterStore` method, for implementations to validate against. */
export const counterStoreArgumentSchemas = {
  increment: z.tuple([key, time, amount]),
  sum: z.tuple([key, time, time]).refine(([, from, to]) => ordered(from, to), orderMessage),
  buckets: z.tuple([key, time, time]).refine(([, from, to]) => ordered(from, to), orderMessage),
  incrementIfWithin: z.tuple([key, time, amount, windowLimit]),
  prune: z.tuple([time]),
  pruneExpired: z.tuple([time]),
} as const;

export type CounterStoreMethod = keyof typeof counterStoreArgumentSchemas;

/** The validated argument tuple of each `CounterStore` method. */
export type CounterStoreArguments = {
  [Method in CounterStoreMethod]: z.output<(typeof counterStoreArgumentSchemas)[Method]>;
};

const isKey = (value: unknown) =>
  typeof value === 'string' &&
  value.length > 0 &&
  isWellFormed(value) &&
  !value.includes('\u0000') &&
  fitsInKey(value);
const isTime = (value: unknown) => Number.isSafeInteger(value);
const isAmount = (value: unknown) =>
  typeof value === 'number' && value >= -maxCounterAmount && value <= maxCounterAmount;
const isLimit = (value: unknown) => Number.isFinite(value);
const isRange = (from: unknown, to: unknown) =>
  isTime(from) && isTime(to) && (from as number) <= (to as number);

// The same rules as the schemas, as plain checks: counters sit on the hot path of every
// decision, and well-formed arguments (nearly all of them) then skip zod entirely.
const isValid: Record<CounterStoreMethod, (args: readonly unknown[]) => boolean> = {
  increment: ([key, bucketStart, amount]) => isKey(key) && isTime(bucketStart) && isAmount(amount),
  sum: ([key, from, to]) => isKey(key) && isRange(from, to),
  buckets: ([key, from, to]) => isKey(key) && isRange(from, to),
  incrementIfWithin: ([key, bucketStart, amount, window]) => {
    if (!isKey(key) || !isTime(bucketStart) || !isAmount(amount)) return false;
    if (typeof window !== 'object' || window === null) return false;
    const { from, to, limit } = window as Record<string, unknown>;
    return isRange(from, to) && isLimit(limit);
  },
  prune: ([before]) => isTime(before),
  pruneExpired: ([now]) => isTime(now),
};

// Counter methods take no options: nothing to abort here.
const parse = createStoreArgumentParser<CounterStoreArguments>(counterStoreArgumentSchemas, {
  store: 'CounterStore',
  abortable: false,
});

/**
 * Validates the arguments of a `CounterStore` method the way every implementation must:
 * throws `InvalidInputError` (code `invalid_input`) on malformed ones. Shared so that the
 * in-memory and the PostgreSQL stores reject exactly the same input, including what a database
 * cannot store faithfully: keys with NUL characters or lone surrogates (PostgreSQL would refuse
 * the first and merge `'k\ud800'` with `'k\udc00'`), keys over `maxCounterKeyBytes`, and amounts
 * beyond `maxCounterAmount`.
 */
export function parseCounterStoreArguments<Method extends CounterStoreMethod>(
  method: Method,
  args: readonly unknown[],
): CounterStoreArguments[Method] {
  if (
    args.length === counterStoreArgumentSchemas[method].def.items.length &&
    isValid[method](args)
  ) {
    return args as CounterStoreArguments[Method];
  }
  return parse(method, args);
}

const retainMsSchema = z.object({
  retainMs: z.int().positive('must be a positive whole number of ms'),
});

/**
 * The `retainMs` of a write's options, `undefined` when absent. Throws `InvalidInputError` (code
 * `invalid_input`) when it is not a positive safe integer, before anything is written.
 */
export function parseRetainMs(
  method: 'increment' | 'incrementIfWithin',
  options: CounterWriteOptions | undefined,
): number | undefined {
  const retainMs = options?.retainMs;
  if (retainMs === undefined || (Number.isSafeInteger(retainMs) && retainMs > 0)) return retainMs;
  return parseInput(retainMsSchema, { retainMs }, `CounterStore.${method} options`).retainMs;
}
