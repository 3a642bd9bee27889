import {
  createManualClock,
  deny,
  evaluateRails,
  type Rail,
  type RailContext,
} from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { answeredUnderEngine } from '../answered-under-engine.fixture';
import type { CounterStore } from '../counter-store';
import { createMemoryCounterStore } from '../memory-counter-store';
import { type RateLimitRailOptions, rateLimitRail } from './rate-limit-rail';

const second = 1000;
const options = { abortSignal: new AbortController().signal };

/** `null` makes a decision without an action. */
function decision(actor = 'agent', action: string | null = 'send_email'): RailContext {
  return {
    traceId: 'trace',
    actor: { id: actor, type: 'ai', roles: [] },
    ...(action === null
      ? {}
      : { action: { name: action, input: {}, reversible: true, dryRun: false } }),
  };
}

/**
 * Wraps a store: its conditional writes wait for `open()` and then apply even if aborted meanwhile
 * (they were already sent), `returned` lists the amounts given back, and `failGiveBack` makes
 * giving back fail.
 */
function gated(inner: CounterStore = createMemoryCounterStore(), failGiveBack = false) {
  let open = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  const returned: number[] = [];
  const store: CounterStore = {
    ...inner,
    async incrementIfWithin(key, bucketStart, amount, window) {
      await gate;
      return inner.incrementIfWithin(key, bucketStart, amount, window);
    },
    async increment(key, bucketStart, amount, options) {
      if (failGiveBack) throw new Error('store down');
      returned.push(amount);
      return inner.increment(key, bucketStart, amount, options);
    },
  };
  return { store, open, returned };
}

/** The rail, and a way to wait until its evaluations (whoever started them) have settled. */
function watched(rail: Rail) {
  const running: Promise<unknown>[] = [];
  return {
    rail: {
      ...rail,
      evaluate(context, options) {
        const verdict = Promise.resolve(rail.evaluate(context, options));
        running.push(verdict.catch(() => undefined));
        return verdict;
      },
    } satisfies Rail,
    settled: () => Promise.all(running),
  };
}

const policy = () => {
  let denyNow = () => {};
  const rail: Rail = {
    name: 'policy',
    kind: 'semantic',
    evaluate: () => new Promise((resolve) => (denyNow = () => resolve(deny('Against policy.')))),
  };
  return { rail, denyNow: () => denyNow() };
};

function setup(overrides: Partial<RateLimitRailOptions> = {}) {
  const clock = createManualClock(Date.UTC(2030, 0, 1));
  const store = createMemoryCounterStore();
  const rail = rateLimitRail({
    store,
    clock,
    name: 'emails',
    limit: 3,
    window: '1m',
    ...overrides,
  });
  const verdicts = async (count: number, context = decision()) => {
    const result: string[] = [];
    for (let index = 0; index < count; index++)
      result.push((await rail.evaluate(context, options)).verdict);
    return result;
  };
  return { clock, store, rail, verdicts };
}

describe('rateLimitRail', () => {
  it('allows up to the limit per window, then denies by default, without counting the denials', async () => {
    const { rail, verdicts } = setup();
    expect(rail).toMatchObject({ name: 'rate-limit:emails', kind: 'economic' });
    expect(await verdicts(5)).toEqual(['allow', 'allow', 'allow', 'deny', 'deny']);
    const verdict = await rail.evaluate(decision(), options);
    expect(verdict.reason).toBe(
      "Rate limit 'emails' reached: 3 of 3 per 1m already used by actor 'agent', action type 'send_email'.",
    );
    expect(verdict.evidence).toEqual({
      rateLimit: 'emails',
      scope: "actor 'agent', action type 'send_email'",
      window: '1m',
      limit: 3,
      count: 3,
    });
  });

  it('slides: capacity comes back bucket by bucket as old decisions leave the window', async () => {
    const { clock, verdicts } = setup();
    expect(await verdicts(1)).toEqual(['allow']);
    clock.advance(30 * second);
    expect(await verdicts(3)).toEqual(['allow', 'allow', 'deny']);
    // The first decision leaves the window after a minute; the two others are still in it.
    clock.advance(30 * second);
    expect(await verdicts(2)).toEqual(['allow', 'deny']);
    clock.advance(30 * second);
    expect(await verdicts(3)).toEqual(['allow', 'allow', 'deny']);
  });

  it('counts each actor and action type separately by default, or globally when told', async () => {
    const perActor = setup();
    expect(await perActor.verdicts(3)).toEqual(['allow', 'allow', 'allow']);
    expect(await perActor.verdicts(1, decision('other'))).toEqual(['allow']);
    expect(await perActor.verdicts(1, decision('agent', 'refund'))).toEqual(['allow']);
    const global = setup({ scope: [] });
    expect(await global.verdicts(3)).toEqual(['allow', 'allow', 'allow']);
    expect(await global.verdicts(1, decision('other', 'refund'))).toEqual(['deny']);
  });

  it('escalates instead when configured to, and honours a custom rail name', async () => {
    const { rail, verdicts } = setup({ onExceeded: 'escalate', railName: 'email-throttle' });
    expect(rail.name).toBe('email-throttle');
    expect(await verdicts(4)).toEqual(['allow', 'allow', 'allow', 'escalate']);
  });

  it('leaves other action types and action-less decisions alone', async () => {
    const { verdicts } = setup({ actionTypes: ['send_email'], limit: 1 });
    expect(await verdicts(3, decision('agent', 'refund'))).toEqual(['allow', 'allow', 'allow']);
    expect(await verdicts(3, decision('agent', null))).toEqual(['allow', 'allow', 'allow']);
  });

  it('holds the limit under concurrent evaluations', async () => {
    const { rail } = setup({ limit: 5 });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => rail.evaluate(decision(), options)),
    );
    expect(results.filter((result) => result.verdict === 'allow')).toHaveLength(5);
  });

  it('decides the loop through evaluateRails', async () => {
    const { rail, clock } = setup({ limit: 1 });
    await evaluateRails([rail], decision(), { clock });
    expect(await evaluateRails([rail], decision(), { clock })).toMatchObject({
      verdict: 'deny',
      decidedBy: 'rate-limit:emails',
    });
  });

  it('rejects bad limits when the rail is built', () => {
    expect(() => setup({ limit: 0 })).toThrowError(
      expect.objectContaining({ code: 'invalid_rate_limit' }),
    );
    expect(() => setup({ window: '7x' as never })).toThrowError(
      expect.objectContaining({ code: 'invalid_window' }),
    );
  });

  it('gives the slot back when another rail denies while its take is on its way', async () => {
    const slow = gated();
    const { rail, clock, verdicts } = setup({ store: slow.store, limit: 1 });
    const watch = watched(rail);
    const denier = policy();
    const decided = evaluateRails([watch.rail, denier.rail], decision(), { clock });
    denier.denyNow();
    expect(await decided).toMatchObject({
      verdict: 'deny',
      decidedBy: 'policy',
      rails: [{ rail: 'rate-limit:emails', status: 'aborted' }, { rail: 'policy' }],
    });
    slow.open();
    await watch.settled();
    expect(slow.returned).toEqual([-1]);
    expect(await verdicts(2)).toEqual(['allow', 'deny']);
  });

  it('gives the slot back when it times out, and the decision escalates', async () => {
    const slow = gated();
    const { rail, clock, verdicts } = setup({ store: slow.store, limit: 1 });
    const watch = watched(rail);
    const decided = evaluateRails([watch.rail], decision(), { clock, timeoutMs: 100 });
    clock.advance(100);
    expect(await decided).toMatchObject({ verdict: 'escalate', rails: [{ status: 'timed_out' }] });
    slow.open();
    await watch.settled();
    expect(slow.returned).toEqual([-1]);
    expect(await verdicts(2)).toEqual(['allow', 'deny']);
  });

  it('never keeps a take aborted while it was on its way: it rejects with the abort reason', async () => {
    const slow = gated();
    const { rail, verdicts } = setup({ store: slow.store, limit: 1 });
    const controller = new AbortController();
    const pending = Promise.resolve(rail.evaluate(decision(), { abortSignal: controller.signal }));
    controller.abort(new Error('gave up'));
    slow.open();
    await expect(pending).rejects.toThrow('gave up');
    expect(slow.returned).toEqual([-1]);
    expect(await verdicts(2)).toEqual(['allow', 'deny']);
  });

  it('gives the slot back when its signal aborts after it answered: the engine dropped the verdict', async () => {
    const slow = gated();
    const { rail, verdicts } = setup({ store: slow.store, limit: 1 });
    slow.open();
    const held = await answeredUnderEngine(rail, decision());
    expect(held.verdict.verdict).toBe('allow');
    await held.drop();
    expect(slow.returned).toEqual([-1]);
    expect(await verdicts(2)).toEqual(['allow', 'deny']);
  });

  it('gives nothing back for a refused take', async () => {
    const slow = gated();
    const { rail, verdicts } = setup({ store: slow.store, limit: 1 });
    slow.open();
    expect(await verdicts(1)).toEqual(['allow']);
    const controller = new AbortController();
    const verdict = await rail.evaluate(decision(), { abortSignal: controller.signal });
    expect(verdict.verdict).toBe('deny');
    controller.abort(new Error('gave up'));
    expect(slow.returned).toEqual([]);
  });

  it('reports a slot it failed to give back to onRefundError, even one that throws', async () => {
    const slow = gated(createMemoryCounterStore(), true);
    const heard: unknown[] = [];
    const { rail } = setup({
      store: slow.store,
      onRefundError: (error, slot) => {
        heard.push([(error as Error).message, slot]);
        throw new Error('reporter broke');
      },
    });
    slow.open();
    await (await answeredUnderEngine(rail, decision())).drop(new Error('gave up'));
    const late = new AbortController();
    const pending = Promise.resolve(rail.evaluate(decision(), { abortSignal: late.signal }));
    late.abort(new Error('gave up late'));
    await expect(pending).rejects.toThrow('gave up late');
    const slot = {
      rateLimit: 'emails',
      scope: "actor 'agent', action type 'send_email'",
      key: 'rate:emails:actor=agent,actionType=send_email',
      bucketStart: Date.UTC(2030, 0, 1),
    };
    expect(heard).toEqual([
      ['store down', slot],
      ['store down', slot],
    ]);
  });
});
