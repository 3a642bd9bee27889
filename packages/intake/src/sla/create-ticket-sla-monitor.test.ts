import { createManualClock, createSequentialIdGenerator, type Signal } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createTicketSlaMonitor } from './create-ticket-sla-monitor';
import { createMemoryTicketSlaStore } from './memory-ticket-sla-store';
import { defineSlaPolicies } from './sla-policies';

const minute = 60_000;
const hour = 60 * minute;
const t0 = Date.parse('2026-12-01T08:00:00Z');
const policies = defineSlaPolicies([
  {
    id: 'standard',
    warnBeforeMs: 15 * minute,
    targets: {
      p1: { firstResponseMs: hour, nextResponseMs: 2 * hour, resolutionMs: 8 * hour },
      '*': { firstResponseMs: 4 * hour, resolutionMs: 48 * hour },
    },
  },
]);

describe('createTicketSlaMonitor', () => {
  it('emits each warning and breach once, as alert signals from source sla', async () => {
    const clock = createManualClock(t0);
    const received: Signal[] = [];
    const monitor = createTicketSlaMonitor({
      store: createMemoryTicketSlaStore(),
      policies,
      clock,
      idGenerator: createSequentialIdGenerator('signal'),
      onSignal: (signal) => {
        received.push(signal);
      },
    });
    await monitor.record('t-1', { type: 'created', at: t0, fields: { priority: 'p1' } });
    expect(await monitor.tick()).toEqual([]);
    clock.advance(50 * minute);
    const warnings = await monitor.tick();
    expect(warnings.map((signal) => signal.payload)).toEqual([
      {
        ticketId: 't-1',
        policy: 'standard',
        priority: 'p1',
        target: 'first_response',
        instance: 1,
        alert: 'warning',
        targetMs: hour,
        dueAt: t0 + hour,
        lateMs: 0,
      },
    ]);
    expect(warnings[0]).toMatchObject({
      kind: 'alert',
      source: 'sla',
      fingerprint: 'sla:t-1:first_response:1:warning',
      occurredAt: t0 + 45 * minute,
    });
    expect(await monitor.tick()).toEqual([]);
    clock.advance(20 * minute);
    const breaches = await monitor.tick();
    expect(breaches.map((signal) => [signal.payload.alert, signal.payload.lateMs])).toEqual([
      ['breach', 10 * minute],
    ]);
    // Days pass in one call; the resolution warning is overtaken by its breach and skipped.
    clock.advance(3 * 24 * hour);
    const later = await monitor.tick();
    expect(later.map((signal) => `${signal.payload.target}:${signal.payload.alert}`)).toEqual([
      'resolution:breach',
    ]);
    clock.advance(24 * hour);
    expect(await monitor.tick()).toEqual([]);
    expect(received).toHaveLength(3);
  });

  it('emits a breach once when a reply came late between ticks, and none for met targets', async () => {
    const clock = createManualClock(t0);
    const monitor = createTicketSlaMonitor({
      store: createMemoryTicketSlaStore(),
      policies,
      clock,
    });
    await monitor.record('t-1', { type: 'created', at: t0 });
    clock.advance(5 * hour);
    const evaluation = await monitor.record('t-1', { type: 'agent_replied', at: clock.now() });
    expect(evaluation.metrics[0]).toMatchObject({ status: 'missed', lateMs: hour });
    const signals = await monitor.tick();
    expect(signals.map((signal) => signal.fingerprint)).toEqual([
      'sla:t-1:first_response:1:breach',
    ]);
    await monitor.record('t-1', { type: 'status_changed', at: clock.now(), status: 'resolved' });
    clock.advance(100 * hour);
    expect(await monitor.tick()).toEqual([]);
    expect((await monitor.evaluate('t-1'))?.metrics.map((metric) => metric.status)).toEqual([
      'missed',
      'met',
    ]);
    expect(await monitor.forget('t-1')).toBe(true);
    expect(await monitor.evaluate('t-1')).toBeUndefined();
  });

  it('emits every alert exactly once when several monitors tick one store together', async () => {
    const clock = createManualClock(t0);
    const store = createMemoryTicketSlaStore();
    const emitted: string[] = [];
    const monitors = ['a', 'b', 'c'].map((claimant) =>
      createTicketSlaMonitor({
        store,
        policies,
        clock,
        claimant,
        batchSize: 7,
        onSignal: (signal) => {
          emitted.push(signal.fingerprint);
        },
      }),
    );
    for (let index = 0; index < 60; index++)
      await monitors[index % 3]?.record(`t-${index}`, {
        type: 'created',
        at: t0 + index * minute,
        fields: { priority: index % 2 ? 'p1' : 'p2' },
      });
    for (let step = 0; step < 24 * 12; step++) {
      await Promise.all(monitors.map((monitor) => monitor.tick()));
      // Shorter than the 15-minute warning window, so that no warning is overtaken by its breach.
      clock.advance(5 * minute);
    }
    expect(new Set(emitted).size).toBe(emitted.length);
    // p1: first response warning+breach, resolution warning+breach; p2 (48 h resolution): the first response pair.
    expect(emitted).toHaveLength(30 * 4 + 30 * 2);
  });

  it('pauses with the ticket, so a pending_customer spell delays the breach', async () => {
    const clock = createManualClock(t0);
    const monitor = createTicketSlaMonitor({
      store: createMemoryTicketSlaStore(),
      policies,
      clock,
    });
    await monitor.record('t-1', { type: 'created', at: t0, fields: { priority: 'p1' } });
    clock.advance(30 * minute);
    await monitor.record('t-1', {
      type: 'status_changed',
      at: clock.now(),
      status: 'pending_customer',
    });
    clock.advance(10 * hour);
    expect(await monitor.tick()).toEqual([]);
    await monitor.record('t-1', { type: 'status_changed', at: clock.now(), status: 'in_progress' });
    clock.advance(31 * minute);
    const signals = await monitor.tick();
    expect(signals.map((signal) => signal.payload.alert)).toEqual(['breach']);
    expect(signals[0]?.payload.dueAt).toBe(t0 + 10 * hour + hour);
  });

  it('rejects malformed options and events with typed errors', async () => {
    const clock = createManualClock(t0);
    const store = createMemoryTicketSlaStore();
    for (const options of [
      undefined,
      {},
      { store, clock },
      { store: {}, policies, clock },
      { store, policies },
    ])
      expect(() => createTicketSlaMonitor(options as never)).toThrow(
        expect.objectContaining({ code: expect.stringMatching(/^invalid_(input|sla_policy)$/) }),
      );
    const monitor = createTicketSlaMonitor({ store, policies, clock });
    await expect(
      monitor.record('t-1', { type: 'customer_messaged', at: t0 }),
    ).rejects.toMatchObject({
      code: 'invalid_sla_event',
    });
    await expect(monitor.record('t-1', { type: 'created', at: -5 } as never)).rejects.toMatchObject(
      {
        code: 'invalid_sla_event',
      },
    );
    await expect(monitor.tick({ abortSignal: 'x' } as never)).rejects.toMatchObject({
      code: 'invalid_input',
    });
    const reason = new Error('stop');
    await expect(monitor.tick({ abortSignal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });

  it('reports a damaged stored state through onError and leaves the ticket alone', async () => {
    const clock = createManualClock(t0);
    const store = createMemoryTicketSlaStore();
    const errors: unknown[] = [];
    const monitor = createTicketSlaMonitor({
      store,
      policies,
      clock,
      onError: (error) => errors.push(error),
    });
    await monitor.record('t-1', { type: 'created', at: t0 });
    const damaged = {
      ...store,
      getTicket: store.getTicket,
      claimDueTickets: async (...args: Parameters<typeof store.claimDueTickets>) =>
        (await store.claimDueTickets(...args)).map((ticket) => ({
          ...ticket,
          state: { ...ticket.state, clocks: 'x' } as never,
        })),
    };
    const reader = createTicketSlaMonitor({
      store: damaged,
      policies,
      clock,
      onError: (error) => errors.push(error),
    });
    clock.advance(10 * hour);
    expect(await reader.tick()).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ code: 'malformed_ticket_sla_state' })]);
    expect((await store.getTicket('t-1'))?.nextCheckAt).toBeNull();
    expect(await monitor.tick()).toEqual([]);
  });
});
