import { createManualClock, GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createOutcomeRecorder } from '../recorder/create-outcome-recorder';
import { dayMs } from '../schemas/time-range';
import { createMemoryFeedbackStore } from '../store/memory-feedback-store';
import { createOutcomeRouter } from './create-outcome-router';
import { createSeededRandom } from './create-seeded-random';
import type { OutcomeRouterOptions } from './outcome-router-types';

const start = Date.UTC(2026, 0, 5);

function setup(options: Partial<OutcomeRouterOptions> = {}) {
  const store = createMemoryFeedbackStore();
  const clock = createManualClock(start);
  const recorder = createOutcomeRecorder({ store, clock });
  const router = createOutcomeRouter({
    recorder,
    queues: { billing: ['q1', 'q2'] },
    random: createSeededRandom(1),
    ...options,
  });
  /** `count` resolved billing tickets on `queue`, `fcr` of them on first contact. */
  const history = async (queue: string, count: number, fcr: number, at = start) => {
    for (let index = 0; index < count; index++) {
      const traceId = `${queue}-${at}-${index}`;
      await recorder.record({ type: 'routed', traceId, queue, category: 'billing', at });
      await recorder.record({ type: 'resolved', traceId, firstContact: index < fcr, at });
    }
  };
  return { store, clock, recorder, router, history };
}

describe('createOutcomeRouter', () => {
  it('starts from the prior and learns posteriors from outcomes', async () => {
    const { router, history } = setup();
    expect((await router.posteriors('billing')).map((posterior) => posterior.mean)).toEqual([
      0.5, 0.5,
    ]);
    await history('q1', 10, 8);
    const [q1, q2] = await router.posteriors('billing');
    expect(q1).toMatchObject({ queue: 'q1', successes: 8, trials: 10, alpha: 9, beta: 3 });
    expect(q2).toMatchObject({ queue: 'q2', trials: 0, alpha: 1, beta: 1 });
  });

  it('learns from reviewers: approved a success, edited or rejected a failure', async () => {
    const { router, recorder } = setup();
    const decisions = ['approved', 'approved', 'approved_with_edits', 'rejected'] as const;
    for (const [index, decision] of decisions.entries()) {
      const traceId = `h${index}`;
      await recorder.record({ type: 'routed', traceId, queue: 'q2', category: 'billing' });
      await recorder.record({
        type: 'human_decision',
        traceId,
        escalationId: `e${index}`,
        decision,
        reviewer: 'r1',
        decideMs: 1000,
        slaBreached: false,
      });
    }
    const [, q2] = await router.posteriors('billing');
    expect(q2).toMatchObject({ queue: 'q2', successes: 2, trials: 4, alpha: 3, beta: 3 });
  });

  it('suggests reproducibly with a seeded source and records nothing until confirmed', async () => {
    const first = setup();
    const second = setup();
    const request = { traceId: 't1', category: 'billing' };
    const picks = async (router: typeof first.router) => {
      const queues: string[] = [];
      for (let index = 0; index < 10; index++) queues.push((await router.suggest(request)).queue);
      return queues;
    };
    expect(await picks(first.router)).toEqual(await picks(second.router));
    expect(await first.store.getTrace('t1')).toBeUndefined();
  });

  it('records a confirmation and an override as routing outcomes', async () => {
    const { router, store } = setup();
    const suggestion = await router.suggest({
      traceId: 't1',
      category: 'billing',
      channel: 'chat',
      ticketId: 'k1',
    });
    const confirmed = await router.confirm(suggestion, { by: 'lead' });
    expect(confirmed.outcome).toMatchObject({
      type: 'routed',
      queue: suggestion.queue,
      suggestedQueue: suggestion.queue,
      overridden: false,
      decidedBy: 'lead',
      channel: 'chat',
      ticketId: 'k1',
    });
    const other = suggestion.queue === 'q1' ? 'q2' : 'q1';
    const overridden = await router.override(suggestion, {
      queue: other,
      by: 'ana',
      reason: 'VIP customer',
    });
    expect(overridden.outcome).toMatchObject({
      queue: other,
      suggestedQueue: suggestion.queue,
      overridden: true,
      reason: 'VIP customer',
    });
    expect(await store.getTrace('t1')).toMatchObject({ queue: other, category: 'billing' });
  });

  it('suggests a reroute only on strong evidence', async () => {
    const { router, history } = setup();
    await history('q1', 40, 10);
    await history('q2', 40, 36);
    const strong = await router.suggest({ traceId: 'x', category: 'billing', currentQueue: 'q1' });
    expect(strong).toMatchObject({ queue: 'q2', reroute: true });
    expect(strong.probabilityBetter).toBeGreaterThan(0.95);
    const stay = await router.suggest({ traceId: 'y', category: 'billing', currentQueue: 'q2' });
    expect(stay).toMatchObject({ queue: 'q2', reroute: false });
    const weak = setup();
    await weak.history('q1', 3, 1);
    await weak.history('q2', 3, 2);
    expect(
      await weak.router.suggest({ traceId: 'z', category: 'billing', currentQueue: 'q1' }),
    ).toMatchObject({
      queue: 'q1',
      reroute: false,
    });
  });

  it('learns only from the window when one is set', async () => {
    const { router, history, clock } = setup({ windowDays: 7 });
    await history('q1', 10, 10, start);
    clock.set(start + 30 * dayMs);
    await history('q1', 4, 0, start + 30 * dayMs);
    const [q1] = await router.posteriors('billing');
    expect(q1).toMatchObject({ trials: 4, successes: 0 });
  });

  it('uses default queues for unlisted categories, and fails without any', async () => {
    const { router } = setup();
    await expect(router.suggest({ traceId: 't', category: 'tech' })).rejects.toSatisfy((error) =>
      GuardloopError.hasCode(error, 'no_candidate_queues'),
    );
    const withDefaults = setup({ defaultQueues: ['general'] });
    expect(await withDefaults.router.suggest({ traceId: 't', category: 'tech' })).toMatchObject({
      queue: 'general',
    });
  });

  it('rejects bad input at every entry point', async () => {
    const { router, recorder } = setup();
    const invalid = (e: unknown) => GuardloopError.hasCode(e, 'invalid_input');
    const suggestion = await router.suggest({ traceId: 't', category: 'billing' });
    await expect(router.suggest({ traceId: '', category: 'billing' })).rejects.toSatisfy(invalid);
    await expect(router.suggest(null as never)).rejects.toSatisfy(invalid);
    await expect(router.confirm(suggestion, {} as never)).rejects.toSatisfy(invalid);
    await expect(router.confirm({ ...suggestion, queue: '' }, { by: 'a' })).rejects.toSatisfy(
      invalid,
    );
    await expect(router.override(suggestion, { by: 'a' } as never)).rejects.toSatisfy(invalid);
    await expect(router.posteriors('')).rejects.toSatisfy(invalid);
    for (const options of [
      {},
      { recorder, queues: { billing: [] } },
      { recorder, queues: {}, random: 1 },
      { recorder, queues: {}, rerouteThreshold: 0.2 },
      { recorder, queues: {}, windowDays: 0 },
    ]) {
      expect(() => createOutcomeRouter(options as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
  });

  it('rejects with the abort reason', async () => {
    const { router } = setup();
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    const abortSignal = controller.signal;
    await expect(
      router.suggest({ traceId: 't', category: 'billing' }, { abortSignal }),
    ).rejects.toThrow('stop');
    await expect(router.posteriors('billing', { abortSignal })).rejects.toThrow('stop');
    const suggestion = await router.suggest({ traceId: 't', category: 'billing' });
    await expect(router.confirm(suggestion, { by: 'a', abortSignal })).rejects.toThrow('stop');
  });
});
