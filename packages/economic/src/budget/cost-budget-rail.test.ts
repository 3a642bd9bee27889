import {
  createManualClock,
  deny,
  evaluateRails,
  GuardloopError,
  type Rail,
  type RailContext,
} from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { answeredUnderEngine } from '../answered-under-engine.fixture';
import type { CounterStore } from '../counter-store';
import { createMemoryCounterStore } from '../memory-counter-store';
import { costBudgetRail } from './cost-budget-rail';
import { type CostMeter, createCostMeter } from './cost-meter';

const options = { abortSignal: new AbortController().signal };

function decision(cost?: { tokens: number; usd: number }, action = 'draft_reply'): RailContext {
  return {
    traceId: 'trace',
    actor: { id: 'agent', type: 'ai', roles: [], tenant: 'acme' },
    action: { name: action, input: {}, reversible: true, dryRun: false, ...(cost ? { cost } : {}) },
  };
}

function setup(onExceeded?: 'escalate' | 'deny', store: CounterStore = createMemoryCounterStore()) {
  const clock = createManualClock(Date.UTC(2030, 0, 1, 9));
  const meter = createCostMeter({
    store,
    clock,
    budgets: [{ name: 'tenant-daily', scope: ['tenant'], usd: 1, actionTypes: ['draft_reply'] }],
  });
  return { clock, meter, rail: costBudgetRail({ meter, ...(onExceeded ? { onExceeded } : {}) }) };
}

describe('costBudgetRail', () => {
  it('allows and charges decisions within budget, saying how much is spent', async () => {
    const { rail, meter } = setup();
    expect(rail).toMatchObject({ name: 'cost-budget', kind: 'economic' });
    const verdict = await rail.evaluate(decision({ tokens: 10, usd: 0.4 }), options);
    expect(verdict).toMatchObject({
      verdict: 'allow',
      reason: "Within cost budgets: 'tenant-daily' $0.40 of $1.00 for tenant 'acme'.",
    });
    expect((await meter.usage(decision()))[0]?.used).toBe(0.4);
  });

  it('escalates by default when a budget would be exceeded, and does not charge', async () => {
    const { rail, meter } = setup();
    await rail.evaluate(decision({ tokens: 0, usd: 0.8 }), options);
    const verdict = await rail.evaluate(decision({ tokens: 0, usd: 0.3 }), options);
    expect(verdict.verdict).toBe('escalate');
    expect(verdict.reason).toBe(
      "Cost budget 'tenant-daily' would be exceeded for tenant 'acme': $0.80 already spent + $0.30 > $1.00 limit (period 2030-01-01T00:00:00.000Z to 2030-01-02T00:00:00.000Z).",
    );
    expect(verdict.evidence).toMatchObject({
      applied: false,
      exceeded: { budget: 'tenant-daily' },
    });
    expect((await meter.usage(decision()))[0]?.used).toBe(0.8);
  });

  it('denies instead when configured to', async () => {
    const { rail } = setup('deny');
    const verdict = await rail.evaluate(decision({ tokens: 0, usd: 2 }), options);
    expect(verdict.verdict).toBe('deny');
  });

  it('allows again once the day rolls over', async () => {
    const { rail, clock } = setup();
    await rail.evaluate(decision({ tokens: 0, usd: 1 }), options);
    expect((await rail.evaluate(decision({ tokens: 0, usd: 0.5 }), options)).verdict).toBe(
      'escalate',
    );
    clock.advance(15 * 3_600_000);
    expect((await rail.evaluate(decision({ tokens: 0, usd: 0.5 }), options)).verdict).toBe('allow');
  });

  it('allows decisions without a declared cost, or outside every budget', async () => {
    const { rail } = setup();
    expect((await rail.evaluate(decision(), options)).reason).toBe(
      'No cost declared for this decision: nothing to charge.',
    );
    expect((await rail.evaluate(decision({ tokens: 0, usd: 0 }), options)).verdict).toBe('allow');
    expect(await rail.evaluate(decision({ tokens: 0, usd: 5 }, 'refund'), options)).toMatchObject({
      verdict: 'allow',
      reason: 'No cost budget applies to this decision.',
    });
  });

  it('decides the loop through evaluateRails', async () => {
    const { rail, clock } = setup('deny');
    const decided = await evaluateRails([rail], decision({ tokens: 0, usd: 3 }), { clock });
    expect(decided).toMatchObject({ verdict: 'deny', decidedBy: 'cost-budget' });
  });

  it('rejects negative, NaN and infinite costs with invalid_input, and the engine escalates', async () => {
    const { rail, meter, clock } = setup();
    for (const cost of [
      { tokens: -1_000_000, usd: 0 },
      { tokens: 0, usd: -1 },
      { tokens: Number.NaN, usd: 0.1 },
      { tokens: 0, usd: Number.POSITIVE_INFINITY },
    ]) {
      const error = await Promise.resolve(rail.evaluate(decision(cost), options)).catch(
        (caught: unknown) => caught,
      );
      expect(GuardloopError.hasCode(error, 'invalid_input')).toBe(true);
      const decided = await evaluateRails([rail], decision(cost), { clock });
      expect(decided.verdict).toBe('escalate');
    }
    expect((await meter.usage(decision()))[0]?.used).toBe(0);
  });

  it('gives back a charge when another rail denies while it is on its way', async () => {
    const store = createMemoryCounterStore();
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    let refunded = () => {};
    const refund = new Promise<void>((resolve) => (refunded = resolve));
    const slow: CounterStore = {
      ...store,
      async incrementIfWithin(key, bucketStart, amount, window) {
        await gate;
        // Already sent when the abort came: the write applies.
        return store.incrementIfWithin(key, bucketStart, amount, window);
      },
      async increment(...args) {
        const value = await store.increment(...args);
        refunded();
        return value;
      },
    };
    const { rail, meter, clock } = setup('deny', slow);
    let denyNow = () => {};
    const denier: Rail = {
      name: 'policy',
      kind: 'semantic',
      evaluate: () => new Promise((resolve) => (denyNow = () => resolve(deny('Against policy.')))),
    };
    const decided = evaluateRails([rail, denier], decision({ tokens: 0, usd: 0.4 }), { clock });
    denyNow();
    expect(await decided).toMatchObject({ verdict: 'deny', decidedBy: 'policy' });
    open();
    await refund;
    expect((await meter.usage(decision()))[0]?.used).toBe(0);
  });

  it('gives back the charge of a verdict the engine dropped after the rail answered', async () => {
    const store = createMemoryCounterStore();
    let refunded = () => {};
    const refund = new Promise<void>((resolve) => (refunded = resolve));
    const observed: CounterStore = {
      ...store,
      async increment(...args) {
        const value = await store.increment(...args);
        refunded();
        return value;
      },
    };
    const { rail, meter } = setup(undefined, observed);
    const held = await answeredUnderEngine(rail, decision({ tokens: 0, usd: 0.4 }));
    expect(held.verdict.verdict).toBe('allow');
    expect((await meter.usage(decision()))[0]?.used).toBe(0.4);
    // What the engine does when another rail denies before it took this rail's verdict.
    await held.drop();
    await refund;
    expect((await meter.usage(decision()))[0]?.used).toBe(0);
  });

  it('rejects with the abort reason, and crashes nothing, when a failed refund meets a throwing onRefundError', async () => {
    const { meter: real } = setup();
    let abortNow = () => {};
    const meter: CostMeter = {
      ...real,
      // The abort lands between the write and the rail reading its result.
      async charge() {
        abortNow();
        return { applied: true, lines: [], exceeded: undefined };
      },
      async refund() {
        throw new Error('store down');
      },
    };
    const heard: string[] = [];
    const rail = costBudgetRail({
      meter,
      onRefundError: (error) => {
        heard.push((error as Error).message);
        throw new Error('reporter broke');
      },
    });
    const controller = new AbortController();
    abortNow = () => controller.abort(new Error('gave up'));
    await expect(
      Promise.resolve(
        rail.evaluate(decision({ tokens: 0, usd: 0.4 }), { abortSignal: controller.signal }),
      ),
    ).rejects.toThrow('gave up');
    // Dropped by the engine after it answered: the refund runs from the engine's abort, where a
    // throw would be an unhandled rejection.
    abortNow = () => {};
    const held = await answeredUnderEngine(rail, decision({ tokens: 0, usd: 0.2 }));
    await held.drop();
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    expect(heard).toEqual(['store down', 'store down']);
  });
});
