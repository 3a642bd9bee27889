import { type Clock, createManualClock, evaluateRails, InvalidInputError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createMemoryCounterStore } from '../memory-counter-store';
import { createAutonomyDial } from './autonomy-dial';
import { defineSlo } from './define-slo';
import { sloRail } from './slo-rail';
import { createSloTracker, type SloTracker } from './slo-tracker';

const slo = defineSlo({ name: 'autonomous-actions', objective: 0.99 });
const context = {
  traceId: 'trace-1',
  actor: { id: 'ai-1', type: 'ai' as const, roles: [] },
  action: { name: 'reply', input: {}, reversible: true, dryRun: false },
};

/** A memory store that counts the sums it is asked for. */
function countingSums() {
  const memory = createMemoryCounterStore();
  let sums = 0;
  const store = {
    ...memory,
    sum: (...args: Parameters<typeof memory.sum>) => {
      sums += 1;
      return memory.sum(...args);
    },
  };
  return { store, sums: () => sums };
}

function setup(dialOptions: { maxAgeMs?: number } = {}) {
  const clock = createManualClock(Date.UTC(2030, 0, 1));
  const { store, sums } = countingSums();
  const tracker = createSloTracker({ store, clock });
  const dial = createAutonomyDial({ tracker, slos: [slo], ...dialOptions });
  return { clock, tracker, dial, sums };
}

describe('createAutonomyDial reuses a fresh reading', () => {
  it('reads the store once per maxAgeMs (default 1000) and again when the reading is older', async () => {
    const { dial, clock, sums } = setup();
    const first = await dial.read('reply');
    const perRead = sums();
    expect(perRead).toBeGreaterThan(0);
    clock.advance(999);
    expect(await dial.read('reply')).toBe(first);
    expect(sums()).toBe(perRead);
    clock.advance(1);
    expect(await dial.read('reply')).not.toBe(first);
    expect(sums()).toBe(2 * perRead);
  });

  it('reads again at once after this process records through the tracker', async () => {
    const { dial, tracker } = setup();
    expect((await dial.read('reply')).level).toBe('full');
    await tracker.record(slo, { bad: 100 });
    expect((await dial.read('reply')).level).toBe('none');
  });

  it('does not keep a reading taken while a record was on its way', async () => {
    const { dial, tracker, sums } = setup();
    const recording = tracker.record(slo, { bad: 100 });
    const during = dial.read('reply');
    await Promise.all([recording, during]);
    const before = sums();
    expect((await dial.read('reply')).level).toBe('none');
    expect(sums()).toBeGreaterThan(before);
  });

  it('reads again when the clock goes back, and per action type', async () => {
    let now = Date.UTC(2030, 0, 1);
    const clock: Clock = { now: () => now, setTimer: () => () => {} };
    const { store, sums } = countingSums();
    const dial = createAutonomyDial({ tracker: createSloTracker({ store, clock }), slos: [slo] });
    await dial.read('reply');
    const perRead = sums();
    await dial.read('refund');
    expect(sums()).toBe(2 * perRead);
    await dial.read('reply');
    expect(sums()).toBe(2 * perRead);
    now -= 1;
    await dial.read('reply');
    expect(sums()).toBe(3 * perRead);
  });

  it('reads every time with maxAgeMs 0, and with a tracker it did not make', async () => {
    const zero = setup({ maxAgeMs: 0 });
    await zero.dial.read('reply');
    const perRead = zero.sums();
    await zero.dial.read('reply');
    expect(zero.sums()).toBe(2 * perRead);

    const { tracker, sums } = setup();
    let statuses = 0;
    const own: SloTracker = {
      record: (...args) => tracker.record(...args),
      status: (...args) => {
        statuses += 1;
        return tracker.status(...args);
      },
    };
    const dial = createAutonomyDial({ tracker: own, slos: [slo] });
    await dial.read('reply');
    await dial.read('reply');
    expect(statuses).toBe(2);
    expect(sums()).toBeGreaterThan(0);
  });

  it('still checks the caller signal on a reused reading', async () => {
    const { dial } = setup();
    await dial.read('reply');
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    await expect(dial.read('reply', { abortSignal: controller.signal })).rejects.toThrow('gone');
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, '1000' as never])(
    'rejects maxAgeMs %s with invalid_input',
    (maxAgeMs) => {
      const tracker = createSloTracker({ store: createMemoryCounterStore() });
      const create = () => createAutonomyDial({ tracker, slos: [slo], maxAgeMs });
      expect(create).toThrow(InvalidInputError);
      try {
        create();
      } catch (error) {
        expect((error as InvalidInputError).code).toBe('invalid_input');
      }
    },
  );
});

describe('sloRail on a reused reading', () => {
  it('answers at once, with evidence equal to a fresh read and frozen', async () => {
    const { dial } = setup();
    const rail = sloRail({ dial });
    const options = { abortSignal: new AbortController().signal };
    const fresh = await rail.evaluate(context, options);
    const reused = rail.evaluate(context, options);
    expect(reused).not.toBeInstanceOf(Promise);
    expect(reused).toEqual(fresh);
    const { evidence } = reused as { evidence: { slos: Array<{ burnRates: object }> } };
    expect(Object.isFrozen(evidence)).toBe(true);
    expect(Object.isFrozen(evidence.slos[0]?.burnRates)).toBe(true);
    // Each decision gets its own verdict object.
    expect(rail.evaluate(context, options)).not.toBe(reused);
  });

  it('escalates through the engine as soon as a recorded burn is read', async () => {
    const { dial, tracker } = setup();
    const rails = [sloRail({ dial })];
    expect((await evaluateRails(rails, context)).verdict).toBe('allow');
    expect((await evaluateRails(rails, context)).verdict).toBe('allow');
    await tracker.record(slo, { bad: 100 });
    expect((await evaluateRails(rails, context)).verdict).toBe('escalate');
  });

  it('still rejects, never throws, for an unreadable context or a dial that throws', async () => {
    const options = { abortSignal: new AbortController().signal };
    const rail = sloRail({ dial: setup().dial });
    let unreadable: unknown;
    // A throw here would fail the test: only a rejection is expected.
    expect(() => {
      unreadable = rail.evaluate(null as never, options);
    }).not.toThrow();
    await expect(unreadable).rejects.toThrow(TypeError);
    const throwing = sloRail({
      dial: {
        slos: [slo],
        read: () => {
          throw new Error('dial down');
        },
      },
    });
    await expect(throwing.evaluate(context, options)).rejects.toThrow('dial down');
  });
});
