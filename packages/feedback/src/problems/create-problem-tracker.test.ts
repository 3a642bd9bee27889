import { createManualClock, createSequentialIdGenerator, GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import type { FeedbackStore } from '../store/feedback-store';
import { createMemoryFeedbackStore } from '../store/memory-feedback-store';
import { createProblemTracker } from './create-problem-tracker';
import type { ProblemTrackerOptions } from './problem-tracker-types';

const start = Date.UTC(2026, 0, 5);
const minute = 60_000;

function setup(options: Partial<ProblemTrackerOptions> = {}) {
  const store = options.store ?? createMemoryFeedbackStore();
  const clock = createManualClock(start);
  const tracker = createProblemTracker({
    store,
    clock,
    idGenerator: createSequentialIdGenerator('problem'),
    ...options,
  });
  return { tracker, store, clock };
}

const code = (expected: string) => (error: unknown) => GuardloopError.hasCode(error, expected);

describe('createProblemTracker', () => {
  it('groups incidents with the same fingerprint into one problem, open after three', async () => {
    const { tracker } = setup();
    const first = await tracker.track({
      traceId: 't1',
      fingerprint: 'db-timeout',
      category: 'outage',
    });
    expect(first).toMatchObject({
      matchedBy: 'new',
      becameProblem: false,
      problem: { id: 'problem-1', status: 'candidate' },
    });
    const second = await tracker.track({
      traceId: 't2',
      fingerprint: 'db-timeout',
      at: start + 3 * 86_400_000,
    });
    expect(second).toMatchObject({
      matchedBy: 'fingerprint',
      problem: { incidentCount: 2, status: 'candidate' },
    });
    const third = await tracker.track({
      traceId: 't3',
      fingerprint: 'db-timeout',
      ticketId: 'T-3',
    });
    expect(third).toMatchObject({
      matchedBy: 'fingerprint',
      becameProblem: true,
      problem: { status: 'open', incidentCount: 3 },
    });
    expect(third.problem.lastSeenAt).toBe(start + 3 * 86_400_000);
    expect(third.problem.incidents.map((incident) => incident.traceId)).toEqual(['t1', 't2', 't3']);
  });

  it('groups incidents of one category that arrive close together', async () => {
    const { tracker } = setup();
    await tracker.track({ traceId: 't1', fingerprint: 'a', category: 'login', at: start });
    const near = await tracker.track({
      traceId: 't2',
      fingerprint: 'b',
      category: 'login',
      at: start + 20 * minute,
    });
    expect(near).toMatchObject({
      matchedBy: 'category',
      problem: { id: 'problem-1', fingerprints: ['a', 'b'] },
    });
    // The second fingerprint now matches the problem directly, even outside the category window.
    const later = await tracker.track({
      traceId: 't3',
      fingerprint: 'b',
      at: start + 5 * 60 * minute,
    });
    expect(later).toMatchObject({ matchedBy: 'fingerprint', problem: { id: 'problem-1' } });
    const far = await tracker.track({
      traceId: 't4',
      category: 'login',
      at: start + 10 * 60 * minute,
    });
    expect(far).toMatchObject({ matchedBy: 'new', problem: { id: 'problem-2' } });
  });

  it('does not count the same trace twice', async () => {
    const { tracker } = setup();
    await tracker.track({ traceId: 't1', fingerprint: 'x' });
    const again = await tracker.track({ traceId: 't1', fingerprint: 'x' });
    expect(again).toMatchObject({ duplicate: true, problem: { incidentCount: 1 } });
  });

  it('opens a linked recurrence after a problem was resolved', async () => {
    const { tracker } = setup({ minIncidents: 1 });
    const { problem } = await tracker.track({ traceId: 't1', fingerprint: 'disk-full' });
    expect(problem.status).toBe('open');
    const resolved = await tracker.resolve(problem.id, {
      by: 'sre',
      rootCause: 'log rotation off',
    });
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolvedBy: 'sre',
      rootCause: 'log rotation off',
      resolvedAt: start,
    });
    const recurrence = await tracker.track({ traceId: 't2', fingerprint: 'disk-full' });
    expect(recurrence).toMatchObject({
      matchedBy: 'new',
      problem: { id: 'problem-2', recurrenceOf: problem.id },
    });
    expect((await tracker.list({ statuses: ['resolved'] })).items.map((item) => item.id)).toEqual([
      problem.id,
    ]);
    expect(await tracker.get(problem.id)).toEqual(resolved);
  });

  it('keeps only the most recent incidents but counts them all', async () => {
    const { tracker } = setup({ maxIncidentsKept: 2 });
    for (const traceId of ['t1', 't2', 't3', 't4'])
      await tracker.track({ traceId, fingerprint: 'x' });
    const { items } = await tracker.list();
    expect(items[0]).toMatchObject({ incidentCount: 4 });
    expect(items[0]?.incidents.map((incident) => incident.traceId)).toEqual(['t3', 't4']);
  });

  it('retries compare-and-set conflicts, then gives up', async () => {
    const inner = createMemoryFeedbackStore();
    let conflicts = 1;
    const flaky: FeedbackStore = {
      ...inner,
      putProblem: async (problem, options) =>
        conflicts-- > 0 ? { ok: false } : inner.putProblem(problem, options),
    };
    const created = await setup({ store: flaky }).tracker.track({ traceId: 't1', category: 'c' });
    expect(created).toMatchObject({ matchedBy: 'new', problem: { incidentCount: 1 } });
    const stuck = setup({ store: { ...inner, putProblem: async () => ({ ok: false }) } }).tracker;
    await expect(stuck.track({ traceId: 't9', category: 'c' })).rejects.toSatisfy(
      code('concurrent_update'),
    );
    await expect(stuck.resolve(created.problem.id, { by: 'a' })).rejects.toSatisfy(
      code('concurrent_update'),
    );
  });

  it('rejects bad input, unknown problems and aborted calls', async () => {
    const { tracker, store } = setup();
    const invalid = code('invalid_input');
    await expect(tracker.track({ traceId: 't1' })).rejects.toSatisfy(invalid);
    await expect(tracker.track({ traceId: '', fingerprint: 'x' })).rejects.toSatisfy(invalid);
    await expect(tracker.track({ traceId: 't', category: 'c', at: -5 })).rejects.toSatisfy(invalid);
    await expect(tracker.resolve('p', {} as never)).rejects.toSatisfy(invalid);
    await expect(tracker.get('')).rejects.toSatisfy(invalid);
    await expect(tracker.get('missing')).rejects.toSatisfy(code('problem_not_found'));
    await expect(tracker.resolve('missing', { by: 'a' })).rejects.toSatisfy(
      code('problem_not_found'),
    );
    for (const options of [
      {},
      { store, minIncidents: 0 },
      { store, categoryWindowMs: -1 },
      { store, clock: 5 },
    ]) {
      expect(() => createProblemTracker(options as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      tracker.track({ traceId: 't', category: 'c' }, { abortSignal: controller.signal }),
    ).rejects.toThrow('stop');
    await expect(tracker.list({}, { abortSignal: controller.signal })).rejects.toThrow('stop');
  });
});
