import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import {
  type CounterStoreMethod,
  counterStoreArgumentSchemas,
  maxCounterAmount,
  maxCounterKeyBytes,
  parseCounterStoreArguments,
  parseRetainMs,
} from './counter-store-arguments';

const keys = [
  'k',
  '',
  7,
  undefined,
  'k\u0000',
  'k\ud800',
  '\udc00k',
  'k🙂',
  'x'.repeat(2048),
  'x'.repeat(2049),
  'é'.repeat(1024),
  'é'.repeat(1025),
];
const times = [0, 1_893_456_000_000, -60_000, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2, '5'];
const amounts = [
  1,
  -0.25,
  0,
  Number.POSITIVE_INFINITY,
  Number.NaN,
  '1',
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  -1e300,
];
const windows = [
  { from: 0, to: 10, limit: 5 },
  { from: 10, to: 0, limit: 5 },
  { from: 0, to: 10, limit: Number.NaN },
  { from: 0.5, to: 10, limit: 1 },
  { from: 0, to: 10 },
  null,
];

const candidates: Record<CounterStoreMethod, unknown[][]> = {
  increment: keys.flatMap((key) =>
    times.flatMap((time) => amounts.map((amount) => [key, time, amount])),
  ),
  sum: keys.flatMap((key) => times.flatMap((from) => times.map((to) => [key, from, to]))),
  buckets: keys.flatMap((key) => times.flatMap((from) => times.map((to) => [key, from, to]))),
  incrementIfWithin: keys.flatMap((key) =>
    amounts.flatMap((amount) => windows.map((window) => [key, 60_000, amount, window])),
  ),
  prune: [...times.map((time) => [time]), [], [1, 2]],
  pruneExpired: [...times.map((time) => [time]), [], [1, 2]],
};

describe('parseCounterStoreArguments', () => {
  for (const method of Object.keys(candidates) as CounterStoreMethod[]) {
    it(`accepts exactly what the ${method} schema accepts`, () => {
      for (const args of candidates[method]) {
        const expected = counterStoreArgumentSchemas[method].safeParse(args).success;
        let error: unknown;
        try {
          parseCounterStoreArguments(method, args);
        } catch (caught) {
          error = caught;
        }
        expect({ args, accepted: error === undefined }).toEqual({ args, accepted: expected });
        if (error !== undefined) expect(GuardloopError.hasCode(error, 'invalid_input')).toBe(true);
      }
    });
  }

  it('rejects keys a database cannot store faithfully, and amounts whose sums could overflow', () => {
    const rejected: unknown[][] = [
      ['k\u0000', 0, 1],
      ['k\ud800', 0, 1],
      ['k\udc00', 0, 1],
      ['\ud83d', 0, 1],
      ['x'.repeat(maxCounterKeyBytes + 1), 0, 1],
      // Two bytes per character in UTF-8: the limit is in bytes, not in characters.
      ['é'.repeat(maxCounterKeyBytes / 2 + 1), 0, 1],
      ['k', 0, maxCounterAmount + 2],
      ['k', 0, -1e300],
    ];
    for (const args of rejected) {
      expect(() => parseCounterStoreArguments('increment', args)).toThrowError(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
    for (const args of [
      ['k🙂', 0, 1],
      ['x'.repeat(maxCounterKeyBytes), 0, maxCounterAmount],
      ['é'.repeat(maxCounterKeyBytes / 2), 0, -maxCounterAmount],
    ]) {
      expect(parseCounterStoreArguments('increment', args)).toEqual(args);
    }
  });

  it('accepts a positive safe integer retainMs or none, and rejects anything else', () => {
    expect(parseRetainMs('increment', undefined)).toBeUndefined();
    expect(parseRetainMs('increment', {})).toBeUndefined();
    expect(parseRetainMs('incrementIfWithin', { retainMs: 60_000 })).toBe(60_000);
    for (const retainMs of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '1m']) {
      expect(() => parseRetainMs('increment', { retainMs } as never)).toThrowError(
        expect.objectContaining({
          code: 'invalid_input',
          subject: 'CounterStore.increment options',
        }),
      );
    }
  });

  it('names the method and the offending argument', () => {
    expect(() => parseCounterStoreArguments('sum', ['k', 10, 0])).toThrowError(
      expect.objectContaining({
        subject: 'CounterStore.sum arguments',
        issues: [expect.objectContaining({ path: '2' })],
      }),
    );
  });
});
