import { createManualClock, createSequentialIdGenerator, type Signal } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createTicketSlaMonitor } from './create-ticket-sla-monitor';
import { createMemoryTicketSlaStore } from './memory-ticket-sla-store';
import { defineSlaPolicies } from './sla-policies';
import type { TicketSlaStore } from './ticket-sla-store';

const minute = 60_000;
const t0 = Date.parse('2026-12-01T08:00:00Z');
// First response due after an hour, no warning: one breach per ticket.
const policies = defineSlaPolicies([
  { id: 'all', targets: { '*': { firstResponseMs: 60 * minute } } },
]);
const breachKey = 'sla:t-1:first_response:1:breach';

const setup = (store: TicketSlaStore = createMemoryTicketSlaStore()) => {
  const clock = createManualClock(t0);
  const received: Signal[] = [];
  const errors: unknown[] = [];
  const monitorOn = (
    on: TicketSlaStore,
    claimant: string,
    onSignal: (signal: Signal) => void | Promise<void> = (signal) => {
      received.push(signal);
    },
  ) =>
    createTicketSlaMonitor({
      store: on,
      policies,
      clock,
      claimant,
      leaseMs: 5 * minute,
      idGenerator: createSequentialIdGenerator(claimant),
      onSignal,
      onError: (error) => errors.push(error),
    });
  return { store, clock, received, errors, monitorOn };
};

describe('createTicketSlaMonitor delivery', () => {
  it('delivers again on a later tick when onSignal threw, and reports the failure', async () => {
    const { store, clock, received, errors, monitorOn } = setup();
    let failures = 1;
    const monitor = monitorOn(store, 'a', (signal) => {
      if (failures-- > 0) throw new Error('host down');
      received.push(signal);
    });
    await monitor.record('t-1', { type: 'created', at: t0 });
    clock.advance(61 * minute);
    const first = await monitor.tick();
    expect(first.map((signal) => signal.fingerprint)).toEqual([breachKey]);
    expect(received).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ message: 'host down' })]);
    // The retry waits out its backoff (1 second by default) on the injected clock.
    expect(await monitor.tick()).toEqual([]);
    clock.advance(1_000);
    const second = await monitor.tick();
    expect(second).toEqual(first);
    expect(received).toEqual(first);
    clock.advance(60 * minute);
    expect(await monitor.tick()).toEqual([]);
    expect(received).toHaveLength(1);
  });

  it('lets another monitor deliver an alert whose monitor died between record and delivery', async () => {
    const { store, clock, received, monitorOn } = setup();
    const crashing: TicketSlaStore = {
      ...store,
      markEmitted: async (...args) => {
        await store.markEmitted(...args);
        throw new Error('process died');
      },
    };
    const dying = createTicketSlaMonitor({
      store: crashing,
      policies,
      clock,
      claimant: 'dying',
      leaseMs: 5 * minute,
      onSignal: (signal) => {
        received.push(signal);
      },
    });
    const survivor = monitorOn(store, 'survivor');
    await survivor.record('t-1', { type: 'created', at: t0 });
    clock.advance(61 * minute);
    await expect(dying.tick()).rejects.toThrow('process died');
    expect(received).toEqual([]);
    // Still leased to the dead monitor.
    expect(await survivor.tick()).toEqual([]);
    clock.advance(5 * minute);
    const delivered = await survivor.tick();
    expect(delivered.map((signal) => signal.fingerprint)).toEqual([breachKey]);
    expect(received).toEqual(delivered);
    clock.advance(10 * minute);
    expect(await survivor.tick()).toEqual([]);
  });

  it('redelivers the same signal when a monitor delivered but never acknowledged', async () => {
    const { store, clock, received, monitorOn } = setup();
    const forgetful = monitorOn({ ...store, acknowledgeDelivery: async () => true }, 'forgetful');
    const other = monitorOn(store, 'other');
    await other.record('t-1', { type: 'created', at: t0 });
    clock.advance(61 * minute);
    await forgetful.tick();
    clock.advance(5 * minute);
    await other.tick();
    // A duplicate after a crash: the same signal, identified by its fingerprint (the alert key).
    expect(received).toHaveLength(2);
    expect(received[1]).toEqual(received[0]);
    expect(received[0]?.fingerprint).toBe(breachKey);
    clock.advance(10 * minute);
    expect(await other.tick()).toEqual([]);
  });

  it('delivers exactly once on the normal path, with nothing left pending', async () => {
    const { store, clock, received, errors, monitorOn } = setup();
    const monitors = ['a', 'b', 'c'].map((claimant) => monitorOn(store, claimant));
    for (const ticketId of ['t-1', 't-2', 't-3'])
      await monitors[0]?.record(ticketId, { type: 'created', at: t0 });
    clock.advance(61 * minute);
    await Promise.all(monitors.map((monitor) => monitor.tick()));
    clock.advance(60 * minute);
    await Promise.all(monitors.map((monitor) => monitor.tick()));
    expect(received.map((signal) => signal.payload.ticketId).sort()).toEqual(['t-1', 't-2', 't-3']);
    expect(errors).toEqual([]);
    expect(
      await store.claimPendingDeliveries({
        now: clock.now(),
        claimant: 'x',
        leaseMs: 1,
        limit: 10,
      }),
    ).toEqual([]);
  });
});
