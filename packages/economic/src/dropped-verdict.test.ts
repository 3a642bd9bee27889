import { getEventListeners } from 'node:events';
import {
  createManualClock,
  evaluateRails,
  type RailContext,
  type RailEvaluateOptions,
} from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { costBudgetRail } from './budget/cost-budget-rail';
import { createCostMeter } from './budget/cost-meter';
import { takeForVerdict } from './dropped-verdict';
import { createMemoryCounterStore } from './memory-counter-store';
import { rateLimitRail } from './rate-limit/rate-limit-rail';

const context: RailContext = {
  traceId: 'trace',
  actor: { id: 'agent', type: 'ai', roles: [], tenant: 'acme' },
  action: {
    name: 'reply',
    input: {},
    reversible: true,
    dryRun: false,
    cost: { tokens: 1, usd: 0.01 },
  },
};

/**
 * The options `evaluateRails` gives a rail, from a rail that never answers: the engine keeps
 * waiting for its verdict until `controller` (the caller's signal) aborts.
 */
async function engineOptions(controller: AbortController): Promise<RailEvaluateOptions> {
  let started = (_options: RailEvaluateOptions) => {};
  const options = new Promise<RailEvaluateOptions>((resolve) => (started = resolve));
  evaluateRails(
    [
      {
        name: 'holder',
        kind: 'economic',
        evaluate: (_context, railOptions) => {
          started(railOptions);
          return new Promise(() => {});
        },
      },
    ],
    context,
    { abortSignal: controller.signal, clock: createManualClock(0) },
  ).catch(() => {});
  return options;
}

async function holder({ applied = true, failGiveBack = false } = {}) {
  const given: string[] = [];
  const heard: unknown[] = [];
  const controller = new AbortController();
  const railOptions = await engineOptions(controller);
  const hold = (take: (abortSignal: AbortSignal) => Promise<string> = async () => 'slot') =>
    takeForVerdict({
      railOptions,
      take,
      applied: () => applied,
      giveBack: (taken) => {
        if (failGiveBack) throw new Error('store down');
        given.push(taken);
      },
      onGiveBackError: (error, taken) => {
        heard.push([(error as Error).message, taken]);
        throw new Error('reporter broke');
      },
    });
  return { given, heard, controller, hold };
}

describe('takeForVerdict under evaluateRails', () => {
  it('holds what was taken until the signal aborts, then gives it back once', async () => {
    const { given, controller, hold } = await holder();
    expect(await hold()).toBe('slot');
    expect(given).toEqual([]);
    controller.abort(new Error('dropped'));
    controller.abort(new Error('again'));
    expect(given).toEqual(['slot']);
  });

  it('gives back and rejects with the abort reason when the take resolved after the abort', async () => {
    const { given, controller, hold } = await holder();
    const pending = hold(async () => {
      controller.abort(new Error('dropped'));
      return 'slot';
    });
    await expect(pending).rejects.toThrow('dropped');
    expect(given).toEqual(['slot']);
  });

  it('gives nothing back for a refused take, or a take that rejected', async () => {
    const refused = await holder({ applied: false });
    expect(await refused.hold()).toBe('slot');
    refused.controller.abort(new Error('dropped'));
    expect(refused.given).toEqual([]);
    const failed = await holder();
    await expect(
      failed.hold(async () => {
        throw new Error('store down');
      }),
    ).rejects.toThrow('store down');
    failed.controller.abort(new Error('dropped'));
    expect(failed.given).toEqual([]);
  });

  it('reports a failed give-back, even a synchronous throw, and ignores a reporter that throws', async () => {
    const { heard, controller, hold } = await holder({ failGiveBack: true });
    await hold();
    controller.abort(new Error('dropped'));
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    expect(heard).toEqual([['store down', 'slot']]);
    const late = await holder({ failGiveBack: true });
    await expect(
      late.hold(async () => {
        late.controller.abort(new Error('dropped'));
        return 'slot';
      }),
    ).rejects.toThrow('dropped');
    expect(late.heard).toEqual([['store down', 'slot']]);
  });
});

describe('takeForVerdict called directly with one long-lived signal', () => {
  it('adds no listener to it and gives nothing back when it finally aborts', async () => {
    const shutdown = new AbortController();
    const given: string[] = [];
    for (let index = 0; index < 20; index++) {
      await takeForVerdict({
        railOptions: { abortSignal: shutdown.signal },
        take: async () => `slot ${index}`,
        applied: () => true,
        giveBack: (taken) => given.push(taken),
        onGiveBackError: () => {},
      });
    }
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
    shutdown.abort(new Error('shutting down'));
    expect(given).toEqual([]);
  });

  it('still gives back a take that resolved after the signal aborted, and rejects', async () => {
    const shutdown = new AbortController();
    const given: string[] = [];
    const pending = takeForVerdict({
      railOptions: { abortSignal: shutdown.signal },
      take: async () => {
        shutdown.abort(new Error('shutting down'));
        return 'slot';
      },
      applied: () => true,
      giveBack: (taken) => given.push(taken),
      onGiveBackError: () => {},
    });
    await expect(pending).rejects.toThrow('shutting down');
    expect(given).toEqual(['slot']);
  });

  it('keeps the charges and slots of the cost and rate-limit rails', async () => {
    const store = createMemoryCounterStore();
    const clock = createManualClock(Date.UTC(2030, 0, 1, 9));
    const meter = createCostMeter({
      store,
      clock,
      budgets: [{ name: 'tenant-daily', scope: ['tenant'], usd: 100 }],
    });
    const rails = [
      costBudgetRail({ meter }),
      rateLimitRail({ store, clock, name: 'per-actor', limit: 100, window: '1m' }),
    ];
    const shutdown = new AbortController();
    for (let index = 0; index < 10; index++) {
      for (const rail of rails) {
        expect((await rail.evaluate(context, { abortSignal: shutdown.signal })).verdict).toBe(
          'allow',
        );
      }
    }
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
    shutdown.abort(new Error('shutting down'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const [line] = await meter.usage(context);
    expect(line?.used).toBeCloseTo(0.1);
    const rate = await rails[1]?.evaluate(context, { abortSignal: new AbortController().signal });
    expect(rate?.reason).toContain('11 of 100');
  });
});
