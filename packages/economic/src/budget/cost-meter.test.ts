import { type Actor, createManualClock, GuardloopError, type RailContext } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import type { CounterStore } from '../counter-store';
import { createMemoryCounterStore } from '../memory-counter-store';
import { createCostMeter } from './cost-meter';
import type { CostBudgetInput } from './define-cost-budget';

const day = 86_400_000;
const start = Date.UTC(2030, 0, 1, 9);

function decision(
  cost: { tokens: number; usd: number } | undefined,
  { actor = {}, action = 'draft_reply' }: { actor?: Partial<Actor>; action?: string } = {},
): RailContext {
  return {
    traceId: 'trace',
    actor: { id: 'agent', type: 'ai', roles: [], tenant: 'acme', ...actor },
    action: {
      name: action,
      input: {},
      reversible: true,
      dryRun: false,
      ...(cost === undefined ? {} : { cost }),
    },
  };
}

/** A store whose conditional increments wait for `open()`; `writes` settles when they are done. */
function gatedStore(honourAbort: boolean) {
  const inner = createMemoryCounterStore();
  let open = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  const store: CounterStore = {
    ...inner,
    async incrementIfWithin(key, bucketStart, amount, window, options) {
      await gate;
      // A store that had already sent the write when the abort came resolves with it applied.
      return inner.incrementIfWithin(key, bucketStart, amount, window, honourAbort ? options : {});
    },
  };
  return { store, inner, open };
}

function setup(budgets: CostBudgetInput[], store: CounterStore = createMemoryCounterStore()) {
  const clock = createManualClock(start);
  return { clock, store, meter: createCostMeter({ store, clock, budgets }) };
}

describe('createCostMeter', () => {
  it('charges tokens and money per tenant and day, and reports usage', async () => {
    const { meter } = setup([{ name: 'tenant-daily', scope: ['tenant'], tokens: 1000, usd: 1 }]);
    const charge = await meter.charge(decision({ tokens: 400, usd: 0.25 }));
    expect(charge.applied).toBe(true);
    expect(
      charge.lines.map(({ dimension, used, limit, scope }) => ({ dimension, used, limit, scope })),
    ).toEqual([
      { dimension: 'tokens', used: 400, limit: 1000, scope: "tenant 'acme'" },
      { dimension: 'usd', used: 0.25, limit: 1, scope: "tenant 'acme'" },
    ]);
    expect(charge.lines[0]).toMatchObject({
      periodStart: Date.UTC(2030, 0, 1),
      periodEnd: Date.UTC(2030, 0, 2),
    });
    const usage = await meter.usage(decision(undefined));
    expect(usage.map((line) => line.used)).toEqual([400, 0.25]);
    const other = await meter.usage(decision(undefined, { actor: { tenant: 'globex' } }));
    expect(other.map((line) => line.used)).toEqual([0, 0]);
  });

  it('counts money exactly: a hundred charges of $0.10 fit a $10 budget', async () => {
    const { meter } = setup([{ name: 'all', usd: 10 }]);
    for (let index = 0; index < 100; index++) {
      expect((await meter.charge(decision({ tokens: 0, usd: 0.1 }))).applied).toBe(true);
    }
    expect((await meter.charge(decision({ tokens: 0, usd: 0.01 }))).applied).toBe(false);
  });

  it('refuses a charge that would exceed a limit, and keeps nothing of it', async () => {
    const { meter } = setup([
      { name: 'tokens', tokens: 1000 },
      { name: 'money', usd: 1 },
    ]);
    await meter.charge(decision({ tokens: 100, usd: 0.9 }));
    const refused = await meter.charge(decision({ tokens: 100, usd: 0.2 }));
    expect(refused).toMatchObject({
      applied: false,
      lines: [],
      exceeded: { budget: 'money', dimension: 'usd', used: 0.9, cost: 0.2, limit: 1 },
    });
    // The token charge made before the refusal was taken back.
    expect((await meter.usage(decision(undefined))).map((line) => line.used)).toEqual([100, 0.9]);
  });

  it('resets with each period', async () => {
    const { meter, clock } = setup([{ name: 'daily', tokens: 100 }]);
    expect((await meter.charge(decision({ tokens: 100, usd: 0 }))).applied).toBe(true);
    expect((await meter.charge(decision({ tokens: 1, usd: 0 }))).applied).toBe(false);
    clock.advance(day);
    expect((await meter.charge(decision({ tokens: 100, usd: 0 }))).applied).toBe(true);
  });

  it('charges only matching action types, and scopes per actor and action type', async () => {
    const { meter } = setup([
      { name: 'drafts', scope: ['actor', 'actionType'], tokens: 50, actionTypes: ['draft_reply'] },
    ]);
    expect(
      (await meter.charge(decision({ tokens: 500, usd: 0 }, { action: 'refund' }))).lines,
    ).toEqual([]);
    expect((await meter.charge(decision({ tokens: 50, usd: 0 }))).applied).toBe(true);
    expect(
      (await meter.charge(decision({ tokens: 50, usd: 0 }, { actor: { id: 'other' } }))).applied,
    ).toBe(true);
    const refused = await meter.charge(decision({ tokens: 1, usd: 0 }));
    expect(refused.exceeded?.scope).toBe("actor 'agent', action type 'draft_reply'");
  });

  it('gives a charge back with refund', async () => {
    const { meter } = setup([{ name: 'daily', usd: 1 }]);
    const charge = await meter.charge(decision({ tokens: 0, usd: 1 }));
    await meter.refund(charge);
    expect((await meter.usage(decision(undefined)))[0]?.used).toBe(0);
    await meter.refund({ applied: false, lines: [], exceeded: undefined });
    expect((await meter.charge(decision({ tokens: 0, usd: 1 }))).applied).toBe(true);
  });

  it('never overspends under concurrent charges', async () => {
    const { meter } = setup([{ name: 'daily', tokens: 10 }]);
    const results = await Promise.all(
      Array.from({ length: 30 }, () => meter.charge(decision({ tokens: 1, usd: 0 }))),
    );
    expect(results.filter((result) => result.applied)).toHaveLength(10);
  });

  it('takes back earlier charges when a later one fails', async () => {
    const store = createMemoryCounterStore();
    const failing: CounterStore = {
      ...store,
      async incrementIfWithin(key, ...rest) {
        if (key.includes(':usd:')) throw new Error('connection lost');
        return store.incrementIfWithin(key, ...rest);
      },
    };
    const { meter } = setup([{ name: 'daily', tokens: 100, usd: 1 }], failing);
    await expect(meter.charge(decision({ tokens: 10, usd: 0.5 }))).rejects.toThrow(
      'connection lost',
    );
    expect(await store.sum('cost:daily:tokens:all', 0, start + day)).toBe(0);
  });

  it('rejects negative, NaN and infinite costs with invalid_input, and charges nothing', async () => {
    const { meter } = setup([{ name: 'daily', tokens: 10_000, usd: 1 }]);
    for (const cost of [
      { tokens: -1_000_000, usd: 0 },
      { tokens: 0, usd: -0.5 },
      { tokens: Number.NaN, usd: 0 },
      { tokens: 0, usd: Number.POSITIVE_INFINITY },
      { tokens: Number.NEGATIVE_INFINITY, usd: 0 },
      { tokens: '5', usd: 0 } as never,
      // More than a counter holds exactly (2^53 micro-dollars).
      { tokens: 0, usd: 1e10 },
    ]) {
      const error = await meter.charge(decision(cost)).catch((caught: unknown) => caught);
      expect(GuardloopError.hasCode(error, 'invalid_input')).toBe(true);
    }
    for (const context of [null, {}, { actor: { id: 'a' }, action: { name: '' } }]) {
      const error = await meter.charge(context as never).catch((caught: unknown) => caught);
      expect(GuardloopError.hasCode(error, 'invalid_input')).toBe(true);
      const usage = await meter.usage(context as never).catch((caught: unknown) => caught);
      expect(GuardloopError.hasCode(usage, 'invalid_input')).toBe(true);
    }
    // The reported attack: a negative cost, then five charges of 9,000 against 10,000.
    const results = [];
    for (let index = 0; index < 5; index++) {
      results.push((await meter.charge(decision({ tokens: 9_000, usd: 0 }))).applied);
    }
    expect(results).toEqual([true, false, false, false, false]);
  });

  it('treats a limit too large for counter units as no limit', async () => {
    const { meter } = setup([{ name: 'huge', usd: 1e303 }]);
    expect((await meter.charge(decision({ tokens: 0, usd: 1000 }))).applied).toBe(true);
  });

  it('rejects a malformed refund with invalid_input, and gives one charge back once', async () => {
    const { meter } = setup([{ name: 'daily', tokens: 100 }]);
    for (const charge of [
      null,
      { applied: true, lines: [{ key: 'k', dimension: 'tokens', periodStart: 0, cost: -50 }] },
      { applied: true, lines: 'all' },
    ]) {
      const error = await meter.refund(charge as never).catch((caught: unknown) => caught);
      expect(GuardloopError.hasCode(error, 'invalid_input')).toBe(true);
    }
    const charge = await meter.charge(decision({ tokens: 60, usd: 0 }));
    await meter.refund(charge);
    await meter.refund(charge);
    expect((await meter.usage(decision(undefined)))[0]?.used).toBe(0);
  });

  it('charges nothing when aborted while a write is on its way, applied or not', async () => {
    for (const honourAbort of [false, true]) {
      const { store, inner, open } = gatedStore(honourAbort);
      const { meter } = setup([{ name: 'daily', tokens: 100, usd: 1 }], store);
      const controller = new AbortController();
      const reason = new Error('denied elsewhere');
      const pending = meter.charge(decision({ tokens: 10, usd: 0.5 }), {
        abortSignal: controller.signal,
      });
      controller.abort(reason);
      open();
      await expect(pending).rejects.toBe(reason);
      // Nothing charged, and nothing given back that was not charged.
      expect(await inner.sum('cost:daily:tokens:all', 0, start + day)).toBe(0);
      expect(await inner.sum('cost:daily:usd:all', 0, start + day)).toBe(0);
    }
  });

  it('rejects duplicate budget names with invalid_budget', () => {
    expect(() =>
      setup([
        { name: 'a', usd: 1 },
        { name: 'a', tokens: 1 },
      ]),
    ).toThrowError(expect.objectContaining({ code: 'invalid_budget', budget: 'a' }));
  });

  it('rejects with the abort reason when aborted', async () => {
    const { meter } = setup([{ name: 'daily', usd: 1 }]);
    const reason = new Error('stop');
    const abortSignal = AbortSignal.abort(reason);
    const context = decision({ tokens: 0, usd: 1 });
    await expect(meter.charge(context, { abortSignal })).rejects.toBe(reason);
    await expect(meter.usage(context, { abortSignal })).rejects.toBe(reason);
    await expect(
      meter.refund({ applied: true, lines: [], exceeded: undefined }, { abortSignal }),
    ).rejects.toBe(reason);
  });

  it('charges sub-micro-dollar costs at least one micro-dollar, and gives back what it charged', async () => {
    const { meter, store } = setup([{ name: 'all', usd: 0.000002 }]);
    const charges = [];
    for (let index = 0; index < 2; index++) {
      const charge = await meter.charge(decision({ tokens: 0, usd: 0.0000004 }));
      expect(charge.applied).toBe(true);
      charges.push(charge);
    }
    // Rounded to nearest, each was 0 micro-dollars: an endless stream of them spent nothing.
    expect((await meter.charge(decision({ tokens: 0, usd: 0.0000004 }))).applied).toBe(false);
    for (const charge of charges) await meter.refund(charge);
    expect(await store.sum('cost:all:usd:all', 0, Number.MAX_SAFE_INTEGER)).toBe(0);
  });

  it('refuses a charge whose total would pass 2^53 units rather than counting it inexactly', async () => {
    const { meter } = setup([{ name: 'huge', tokens: Number.MAX_VALUE }]);
    const cost = { tokens: Number.MAX_SAFE_INTEGER - 1, usd: 0 };
    expect((await meter.charge(decision(cost))).applied).toBe(true);
    const second = await meter.charge(decision(cost));
    expect(second.applied).toBe(false);
    expect(second.exceeded?.used).toBe(Number.MAX_SAFE_INTEGER - 1);
    const usage = await meter.usage(decision(undefined));
    expect(usage[0]?.used).toBe(Number.MAX_SAFE_INTEGER - 1);
  });
});
