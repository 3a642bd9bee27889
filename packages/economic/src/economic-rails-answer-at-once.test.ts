import {
  allow,
  createManualClock,
  deny,
  evaluateRails,
  type Rail,
  type RailContext,
} from '@guardloop/core';
import { evaluateWith, synchronousEvaluateOf } from '@guardloop/core/internal';
import { describe, expect, it, vi } from 'vitest';
import { answeredUnderEngine } from './answered-under-engine.fixture';
import { costBudgetRail } from './budget/cost-budget-rail';
import { createCostMeter } from './budget/cost-meter';
import type { CounterStore } from './counter-store';
import { createMemoryCounterStore } from './memory-counter-store';
import { rateLimitRail } from './rate-limit/rate-limit-rail';
import { synchronousCountersOf } from './synchronous-counters';

// On the in-memory counters the cost-budget and rate-limit rails charge and answer at once
// (`evaluateWith`): no promise under the engine. A store or meter whose methods a host replaced
// must still see its own code run, and a dropped verdict must still give back what it took.
const options = { abortSignal: new AbortController().signal };
const start = Date.UTC(2030, 0, 1, 9);
const context: RailContext = {
  traceId: 'trace',
  actor: { id: 'agent', type: 'ai', roles: [], tenant: 'acme' },
  action: {
    name: 'draft_reply',
    input: {},
    reversible: true,
    dryRun: false,
    cost: { tokens: 10, usd: 0.4 },
  },
};

function setup(store: CounterStore = createMemoryCounterStore()) {
  const clock = createManualClock(start);
  const meter = createCostMeter({
    store,
    clock,
    budgets: [
      { name: 'daily-usd', scope: ['tenant'], usd: 1 },
      { name: 'daily-tokens', scope: ['tenant'], tokens: 25 },
    ],
  });
  const cost = costBudgetRail({ meter });
  const rate = rateLimitRail({ store, clock, name: 'replies', limit: 2, window: '1m' });
  const judge = (rail: Rail) => {
    const answer = synchronousEvaluateOf(rail.evaluate);
    if (!answer) throw new Error(`${rail.name} has no synchronous evaluation`);
    return (input: RailContext) => answer(input as never, options);
  };
  const used = async () => (await meter.usage(context)).map((line) => line.used);
  return { store, clock, meter, cost, rate, judge, used };
}

describe('economic rails on the in-memory counters', () => {
  it('charge and answer at once, as their promises do', async () => {
    const { cost, rate, judge, used } = setup();
    const charged = judge(cost)(context);
    expect(charged).not.toBeInstanceOf(Promise);
    expect(charged).toMatchObject({ verdict: 'allow', evidence: { applied: true } });
    expect(await used()).toEqual([0.4, 10]);
    const counted = judge(rate)(context);
    expect(counted).toMatchObject({ verdict: 'allow', evidence: { count: 1 } });
    // Called directly, `evaluate` still returns a promise of the same verdict.
    const direct = cost.evaluate(context, options);
    expect(direct).toBeInstanceOf(Promise);
    expect(await direct).toMatchObject({ verdict: 'allow', evidence: { applied: true } });
    expect(await used()).toEqual([0.8, 20]);
    expect(await rate.evaluate(context, options)).toMatchObject({ evidence: { count: 2 } });
  });

  it('keep a charge all or nothing: a refused second budget takes back the first', async () => {
    const { cost, judge, used } = setup();
    judge(cost)(context);
    judge(cost)(context);
    // 0.8 USD and 20 tokens spent: USD would reach 1.2, so nothing is charged.
    expect(judge(cost)(context)).toMatchObject({
      verdict: 'escalate',
      evidence: { applied: false, exceeded: { budget: 'daily-usd' } },
    });
    expect(await used()).toEqual([0.8, 20]);
    // Tokens refuse second: the USD line charged first is taken back at once.
    const tokensOnly = {
      ...context,
      action: { ...context.action, cost: { tokens: 10, usd: 0.1 } },
    };
    expect(judge(cost)(tokensOnly as RailContext)).toMatchObject({
      verdict: 'escalate',
      evidence: { exceeded: { budget: 'daily-tokens' } },
    });
    expect(await used()).toEqual([0.8, 20]);
  });

  it('charge nothing when the signal was aborted before they ran', async () => {
    const { cost, rate, used, store, clock } = setup();
    const aborted = { abortSignal: AbortSignal.abort(new Error('gave up')) };
    await expect(cost.evaluate(context, aborted)).rejects.toThrow('gave up');
    await expect(rate.evaluate(context, aborted)).rejects.toThrow('gave up');
    expect(await used()).toEqual([0, 0]);
    expect(await store.sum('rate:replies:actor=agent:action=draft_reply', 0, clock.now() + 1)).toBe(
      0,
    );
  });

  it('answer through the engine without a promise and give the same decision', async () => {
    const { cost, rate, used } = setup();
    const decision = await evaluateRails([cost, rate], context);
    expect(decision.rails.map((result) => [result.rail, result.status, result.verdict])).toEqual([
      ['cost-budget', 'completed', 'allow'],
      ['rate-limit:replies', 'completed', 'allow'],
    ]);
    expect(await used()).toEqual([0.4, 10]);
  });

  it('do not run when an earlier rail denied at once: nothing charged, no slot taken', async () => {
    const { cost, rate, used } = setup();
    const denier: Rail = {
      name: 'no',
      kind: 'economic',
      evaluate: evaluateWith(() => deny('No.')),
    };
    const decision = await evaluateRails([denier, cost, rate], context);
    expect(decision.verdict).toBe('deny');
    expect(await used()).toEqual([0, 0]);
    expect((await rate.evaluate(context, options)).evidence).toMatchObject({ count: 1 });
  });

  it('give back the charge when a rail beside them denies, whatever the order', async () => {
    const { cost, store, clock, used } = setup();
    const full = rateLimitRail({ store, clock, name: 'full', limit: 1, window: '1m' });
    await full.evaluate(context, options);
    for (const rails of [
      [cost, full],
      [full, cost],
    ]) {
      const decision = await evaluateRails(rails, context);
      expect(decision).toMatchObject({ verdict: 'deny', decidedBy: 'rate-limit:full' });
      const charged = decision.rails.find((result) => result.rail === 'cost-budget');
      // Dropped, as the verdict of a rail still waiting would be: nothing stays charged.
      expect(charged?.status).toBe('aborted');
      expect(await used()).toEqual([0, 0]);
    }
  });

  it('give back the charge and the slot when a rail beside them aborts the caller', async () => {
    const { cost, rate, used } = setup();
    const caller = new AbortController();
    const quitter: Rail = {
      name: 'quitter',
      kind: 'economic',
      evaluate: evaluateWith(() => {
        caller.abort(new Error('gave up'));
        return allow('fine');
      }),
    };
    await expect(
      evaluateRails([cost, rate, quitter], context, { abortSignal: caller.signal }),
    ).rejects.toThrow('gave up');
    expect(await used()).toEqual([0, 0]);
    expect((await rate.evaluate(context, options)).evidence).toMatchObject({ count: 1 });
  });

  it('keep what they took when a rail that answers later denies (its verdict was read)', async () => {
    const { cost, used } = setup();
    const later: Rail = { name: 'later', kind: 'economic', evaluate: async () => deny('No.') };
    const decision = await evaluateRails([cost, later], context);
    expect(decision.verdict).toBe('deny');
    expect(decision.rails[0]?.status).toBe('completed');
    expect(await used()).toEqual([0.4, 10]);
  });

  it('give back the charge and the slot when the engine drops a verdict they gave at once', async () => {
    const { cost, rate, used, store, clock } = setup();
    const held = [
      await answeredUnderEngine(cost, context),
      await answeredUnderEngine(rate, context),
    ];
    expect(await used()).toEqual([0.4, 10]);
    for (const { drop } of held) await drop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await used()).toEqual([0, 0]);
    expect(await store.sum('rate:replies:actor=agent:action=draft_reply', 0, clock.now() + 1)).toBe(
      0,
    );
  });

  it("run a host's replaced store method instead of answering at once", async () => {
    const store = createMemoryCounterStore();
    expect(synchronousCountersOf(store)).toBeDefined();
    const write = store.incrementIfWithin;
    const spy = vi.fn(write);
    store.incrementIfWithin = spy;
    expect(synchronousCountersOf(store)).toBeUndefined();
    const { cost, rate, judge } = setup(store);
    expect(judge(cost)(context)).toBeInstanceOf(Promise);
    expect(await judge(rate)(context)).toMatchObject({ verdict: 'allow' });
    await evaluateRails([cost, rate], context);
    expect(spy).toHaveBeenCalledTimes(6);
    // A copy of the store's methods is a host's store: it answers through them too.
    expect(synchronousCountersOf({ ...createMemoryCounterStore() })).toBeUndefined();
  });

  it("charge through a host's replaced meter.charge", async () => {
    const { meter, judge } = setup();
    const charge = vi.fn(meter.charge);
    meter.charge = charge;
    const rail = costBudgetRail({ meter });
    expect(await judge(rail)(context)).toMatchObject({ verdict: 'allow' });
    expect(charge).toHaveBeenCalledOnce();
  });

  it('validate what the counters are given, and throw a typed error at once', () => {
    const counters = synchronousCountersOf(createMemoryCounterStore());
    expect(() => counters?.increment('', 0, 1)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() =>
      counters?.incrementIfWithin('key', 0, 1, { from: 1, to: 0, limit: 1 }, { retainMs: 1 }),
    ).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => counters?.increment('key', 0, 1, { retainMs: -1 })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(counters?.increment('key', 0, 2, { retainMs: 10 })).toBe(2);
  });
});
