import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createMemoryInboxStore } from '../store/memory-inbox-store';
import { createTestInbox, refundEscalation } from '../test/test-inbox';
import type { SlaEvent } from './sla-event';

const minute = 60_000;
const invalid = (error: unknown) => GuardloopError.hasCode(error, 'invalid_input');
// Lets pending promise callbacks (the memory store's) run; no time passes.
const settle = () => new Promise((resolve) => setImmediate(resolve));
const base = { intervalMs: minute, onEvent: () => {}, onError: () => {} };

function setUp(sla?: Record<string, unknown>) {
  const store = createMemoryInboxStore();
  return { store, ...createTestInbox(store, sla ? { sla } : {}) };
}

describe('startSlaMonitor', () => {
  it.each<[string, Record<string, unknown>]>([
    ['no options', { intervalMs: undefined, onEvent: undefined, onError: undefined }],
    ['a zero interval', { intervalMs: 0 }],
    ['a fractional interval', { intervalMs: 1.5 }],
    ['a negative warning', { warnBeforeMs: -1 }],
    ['an onEvent that is not a function', { onEvent: 'log' }],
    ['no onError', { onError: undefined }],
    ['a malformed abort signal', { abortSignal: 'stop' }],
    ['an empty monitor id', { monitorId: '' }],
  ])('refuses %s with invalid_input', (_, change) => {
    const { inbox } = setUp();
    expect(() => inbox.startSlaMonitor({ ...base, ...change } as never)).toThrow(
      expect.toSatisfy(invalid),
    );
  });

  it('refuses an escalation path that pages without a page callback', () => {
    const { inbox } = setUp({ high: { decideWithinMs: minute, onBreach: { page: true } } });
    expect(() => inbox.startSlaMonitor(base)).toThrow(expect.toSatisfy(invalid));
  });

  it('refuses a store without SLA event claims', () => {
    const { claimSlaEvent: _, completeSlaEvent: __, ...older } = createMemoryInboxStore();
    const { inbox } = createTestInbox(older);
    expect(() => inbox.startSlaMonitor(base)).toThrow(expect.toSatisfy(invalid));
  });

  it('refuses a bad onBreach in the inbox options', () => {
    const store = createMemoryInboxStore();
    for (const onBreach of [{ moveToQueue: '' }, { page: 'yes' }, { escalate: true }])
      expect(() =>
        createTestInbox(store, { sla: { high: { decideWithinMs: minute, onBreach } } as never }),
      ).toThrow(expect.toSatisfy(invalid));
  });

  it('runs rounds on the inbox clock, days of them without sleeping', async () => {
    const { inbox, clock } = setUp();
    const events: SlaEvent[] = [];
    const monitor = inbox.startSlaMonitor({ ...base, onEvent: (event) => void events.push(event) });
    for (let day = 0; day < 3; day++) {
      await inbox.escalate(refundEscalation());
      for (let step = 0; step < 24 * 60; step += 60) {
        clock.advance(60 * minute);
        await settle();
      }
    }
    await monitor.stop();
    // Three items, each breaching acknowledge-by and decide-by, each seen once.
    expect(events.map((event) => event.type)).toEqual(Array(6).fill('sla_breached'));
    expect(clock.pendingTimers()).toBe(0);
  });

  it('never overlaps rounds, even when one takes longer than the interval', async () => {
    const { inbox, clock } = setUp();
    await inbox.escalate(refundEscalation());
    await inbox.escalate(refundEscalation());
    let running = 0;
    let most = 0;
    let release: () => void = () => {};
    const monitor = inbox.startSlaMonitor({
      ...base,
      onEvent: async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        running -= 1;
      },
    });
    clock.advance(5 * 60 * minute);
    const manual = monitor.runRound();
    for (let step = 0; step < 10; step++) {
      await settle();
      clock.advance(10 * minute);
      release();
    }
    for (let step = 0; step < 20; step++) {
      release();
      await settle();
    }
    await manual;
    await monitor.stop();
    expect(most).toBe(1);
  });

  it('reports a failing round to onError and goes on', async () => {
    const { store, clock } = setUp();
    let down = true;
    const flaky = {
      ...store,
      list: (query: Parameters<typeof store.list>[0]) =>
        down ? Promise.reject(new Error('connection reset')) : store.list(query),
    };
    const { inbox } = createTestInbox(flaky, { clock });
    await inbox.escalate(refundEscalation());
    const errors: unknown[] = [];
    const events: SlaEvent[] = [];
    const monitor = inbox.startSlaMonitor({
      ...base,
      onEvent: (event) => void events.push(event),
      onError: (error) => {
        errors.push(error);
        throw new Error('onError itself fails');
      },
    });
    clock.advance(2 * 60 * minute);
    expect(await monitor.runRound()).toEqual({ emitted: 0, failed: 1 });
    down = false;
    clock.advance(minute);
    await monitor.runRound();
    await monitor.stop();
    expect(errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ message: 'connection reset' })]),
    );
    expect(events.map((event) => event.deadline)).toEqual(['acknowledge']);
  });

  it('stops on its abort signal and cancels its timer', async () => {
    const { inbox, clock } = setUp();
    const controller = new AbortController();
    const monitor = inbox.startSlaMonitor({ ...base, abortSignal: controller.signal });
    await monitor.runRound();
    expect(clock.pendingTimers()).toBe(1);
    controller.abort();
    await monitor.stop();
    expect(clock.pendingTimers()).toBe(0);
    expect(() =>
      inbox.startSlaMonitor({ ...base, abortSignal: AbortSignal.abort(new Error('gone')) }),
    ).toThrow('gone');
  });
});
