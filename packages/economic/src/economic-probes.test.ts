import { type Clock, createManualClock, evaluateRails, type RailContext } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { costBudgetRail } from './budget/cost-budget-rail';
import { createCostMeter } from './budget/cost-meter';
import { createMemoryCounterStore } from './memory-counter-store';
import { rateLimitRail } from './rate-limit/rate-limit-rail';
import { defineSlo } from './slo/define-slo';

const t0 = Date.UTC(2030, 0, 1, 12);
const abortSignal = new AbortController().signal;
const decision = (cost?: unknown): RailContext =>
  ({
    traceId: 'trace',
    actor: { id: 'agent', type: 'ai', roles: [], tenant: 'acme' },
    action: {
      name: 'send_reply',
      input: {},
      reversible: true,
      dryRun: false,
      ...(cost === undefined ? {} : { cost }),
    },
  }) as unknown as RailContext;
const codeOf = async (run: () => unknown) => {
  try {
    await run();
    return 'resolved';
  } catch (error) {
    return (error as { code?: unknown }).code ?? 'untyped';
  }
};

// What a careless caller hands the economic rails: every answer is a typed error or a verdict.
describe('economic probes', () => {
  const meter = () =>
    createCostMeter({
      store: createMemoryCounterStore(),
      clock: createManualClock(t0),
      budgets: [{ name: 'all', tokens: 100, usd: 1 }],
    });

  it.each([
    ['a string cost', { tokens: '5', usd: 0 }],
    ['a numeric-string usd', { tokens: 0, usd: '0.5' }],
    ['NaN', { tokens: Number.NaN, usd: 0 }],
    ['Infinity', { tokens: 0, usd: Number.POSITIVE_INFINITY }],
    ['a negative cost', { tokens: -1, usd: 0 }],
    ['Number.MAX_VALUE', { tokens: Number.MAX_VALUE, usd: 0 }],
    ['2^53 tokens', { tokens: 2 ** 53, usd: 0 }],
    ['a missing dimension', { tokens: 1 }],
    ['a cost that is not an object', 5],
  ])('rejects %s with invalid_input, charging nothing', async (_name, cost) => {
    const costs = meter();
    expect(await codeOf(() => costs.charge(decision(cost)))).toBe('invalid_input');
    expect(
      await codeOf(() =>
        costBudgetRail({ meter: costs }).evaluate(decision(cost), { abortSignal }),
      ),
    ).toBe('invalid_input');
    expect((await costs.usage(decision())).map((line) => line.used)).toEqual([0, 0]);
  });

  it('treats -0 as no cost', async () => {
    const costs = meter();
    expect(await costs.charge(decision({ tokens: -0, usd: -0 }))).toEqual({
      applied: true,
      lines: [],
      exceeded: undefined,
    });
  });

  it.each([
    [0.99999999, 'resolved'],
    [0.5, 'resolved'],
    [0.9999999999999999, 'resolved'],
    [1, 'invalid_slo'],
    [0, 'invalid_slo'],
    [Number.NaN, 'invalid_slo'],
    ['0.99', 'invalid_slo'],
    [1.5, 'invalid_slo'],
  ])('an SLO objective of %j: %s', async (objective, expected) => {
    expect(await codeOf(() => defineSlo({ name: 'slo', objective: objective as number }))).toBe(
      expected,
    );
  });

  it.each([0, -1, 1.5, Number.NaN, '3'])(
    'refuses a rate limit of %j with invalid_rate_limit',
    async (limit) => {
      const store = createMemoryCounterStore();
      expect(
        await codeOf(() =>
          rateLimitRail({ store, name: 'r', limit: limit as number, window: '1m' }),
        ),
      ).toBe('invalid_rate_limit');
    },
  );

  it.each([
    ['NaN', () => Number.NaN],
    ['a string', () => 'now'],
    ['beyond safe integers', () => 1e300],
    [
      'throwing',
      () => {
        throw new Error('clock broke');
      },
    ],
  ])('fails closed on a clock that returns %s', async (_name, now) => {
    const clock = { now, setTimer: () => () => {} } as unknown as Clock;
    const store = createMemoryCounterStore();
    const rail = rateLimitRail({ store, clock, name: 'r', limit: 1, window: '1m' });
    const decided = await evaluateRails([rail], decision(), { clock: createManualClock(t0) });
    expect(decided).toMatchObject({ verdict: 'escalate', rails: [{ status: 'failed' }] });
    expect(store.bucketCount()).toBe(0);
  });

  it('counts actors whose ids a key cannot hold as they are, apart from each other', async () => {
    const store = createMemoryCounterStore();
    const clock = createManualClock(t0);
    const rail = rateLimitRail({ store, clock, name: 'r', limit: 1, window: '1m' });
    const as = (id: string) => ({ ...decision(), actor: { id, type: 'ai' as const, roles: [] } });
    for (const id of ['k\ud800', 'k\udc00', 'x'.repeat(5000), `${'x'.repeat(5000)}y`]) {
      expect((await rail.evaluate(as(id), { abortSignal })).verdict).toBe('allow');
      expect((await rail.evaluate(as(id), { abortSignal })).verdict).toBe('deny');
    }
  });

  it('refuses names with a lone surrogate when the configuration is made, not on every decision', async () => {
    const store = createMemoryCounterStore();
    const name = 'replies\ud800';
    expect(await codeOf(() => rateLimitRail({ store, name, limit: 1, window: '1m' }))).toBe(
      'invalid_rate_limit',
    );
    expect(await codeOf(() => createCostMeter({ store, budgets: [{ name, tokens: 1 }] }))).toBe(
      'invalid_budget',
    );
    expect(await codeOf(() => defineSlo({ name, objective: 0.99 }))).toBe('invalid_slo');
  });
});
