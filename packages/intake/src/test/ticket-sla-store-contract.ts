import type { Signal } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import type { TicketSlaState } from '../sla/ticket-sla-state';
import type { TicketSlaStore } from '../sla/ticket-sla-store';

export interface TicketSlaStoreContractOptions {
  /** Shown in the describe block, e.g. `memory` or `postgres (pglite)`. */
  name: string;
  /** Returns an empty store; called once per test. */
  createStore: () => TicketSlaStore | Promise<TicketSlaStore>;
}

const t0 = Date.UTC(2026, 11, 1, 9);
const state = (ticketId: string, overrides: Partial<TicketSlaState> = {}): TicketSlaState => ({
  ticketId,
  createdAt: t0,
  lastEventAt: t0,
  status: 'new',
  fields: { priority: 'p1', segment: 'enterprise' },
  pauses: [{ from: t0 + 1, to: t0 + 2 }],
  clocks: [
    { metric: 'first_response', instance: 1, startedAt: t0, stoppedAt: null },
    { metric: 'resolution', instance: 1, startedAt: t0, stoppedAt: null },
  ],
  ...overrides,
});
const save = (
  ticketId: string,
  nextCheckAt: number | null,
  expectedRevision: number | null = null,
) => ({
  ticketId,
  state: state(ticketId),
  nextCheckAt,
  expectedRevision,
});
const claim = (claimant: string, now: number, limit = 10) => ({
  now,
  claimant,
  leaseMs: 60_000,
  limit,
});

const deliveries = (claimant: string, now: number, limit = 10) => ({
  now,
  claimant,
  leaseMs: 60_000,
  limit,
});
const deliverySignal = (ticketId: string, key: string): Signal => ({
  id: `signal-${key}`,
  source: 'sla',
  kind: 'alert',
  fingerprint: key,
  payload: { ticketId, alert: 'breach', lateMs: 0 },
  occurredAt: t0,
  receivedAt: t0,
  traceId: `trace-${key}`,
  correlationId: ticketId,
});

/** The behaviour every `TicketSlaStore` must have, as vitest suites. */
export function runTicketSlaStoreContract({
  name,
  createStore,
}: TicketSlaStoreContractOptions): void {
  describe(`TicketSlaStore contract (${name})`, () => {
    it('saves with a compare-and-set on the revision and reads back what it saved', async () => {
      const store = await createStore();
      expect(await store.saveTicket(save('t-1', t0 + 10))).toEqual({ saved: true, revision: 1 });
      expect(await store.saveTicket(save('t-1', t0 + 10))).toEqual({ saved: false, revision: 1 });
      expect(await store.saveTicket(save('t-1', t0 + 20, 2))).toEqual({
        saved: false,
        revision: 1,
      });
      expect(await store.saveTicket(save('t-1', t0 + 20, 1))).toEqual({ saved: true, revision: 2 });
      expect(await store.getTicket('t-1')).toEqual({
        ticketId: 't-1',
        state: state('t-1'),
        revision: 2,
        nextCheckAt: t0 + 20,
        emitted: [],
      });
      expect(await store.getTicket('t-2')).toBeUndefined();
    });

    it('leases due tickets, earliest first, to one claimant at a time', async () => {
      const store = await createStore();
      await store.saveTicket(save('late', t0 + 30));
      await store.saveTicket(save('early', t0 + 10));
      await store.saveTicket(save('future', t0 + 1_000_000));
      await store.saveTicket(save('never', null));
      const first = await store.claimDueTickets(claim('a', t0 + 100));
      expect(first.map((ticket) => ticket.ticketId)).toEqual(['early', 'late']);
      expect(await store.claimDueTickets(claim('b', t0 + 100))).toEqual([]);
      // The lease expires: another claimant may take the ticket over.
      const taken = await store.claimDueTickets(claim('b', t0 + 100 + 60_000, 1));
      expect(taken.map((ticket) => ticket.ticketId)).toEqual(['early']);
      expect(
        await store.releaseTicket({
          ticketId: 'early',
          claimant: 'a',
          revision: 1,
          nextCheckAt: null,
        }),
      ).toBe(false);
      expect(
        await store.releaseTicket({
          ticketId: 'early',
          claimant: 'b',
          revision: 1,
          nextCheckAt: null,
        }),
      ).toBe(true);
      expect((await store.getTicket('early'))?.nextCheckAt).toBeNull();
    });

    it('records each emitted key once', async () => {
      const store = await createStore();
      await store.saveTicket(save('t-1', t0));
      const mark = { ticketId: 't-1', key: 'sla:t-1:first_response:1:breach', at: t0 };
      const results = await Promise.all([
        store.markEmitted(mark),
        store.markEmitted(mark),
        store.markEmitted(mark),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      await store.markEmitted({ ...mark, key: 'sla:t-1:resolution:1:warning' });
      expect((await store.getTicket('t-1'))?.emitted).toEqual([
        'sla:t-1:first_response:1:breach',
        'sla:t-1:resolution:1:warning',
      ]);
      expect(await store.markEmitted({ ...mark, ticketId: 'unknown' })).toBe(false);
      // A later save keeps what was emitted.
      await store.saveTicket(save('t-1', t0, 1));
      expect((await store.getTicket('t-1'))?.emitted).toHaveLength(2);
    });

    it('keeps a newer save next check time when an older claim is released', async () => {
      const store = await createStore();
      await store.saveTicket(save('t-1', t0));
      const [claimed] = await store.claimDueTickets(claim('a', t0));
      await store.saveTicket(save('t-1', t0 + 500, 1));
      expect(
        await store.releaseTicket({
          ticketId: 't-1',
          claimant: 'a',
          revision: claimed?.revision ?? 0,
          nextCheckAt: null,
        }),
      ).toBe(true);
      expect((await store.getTicket('t-1'))?.nextCheckAt).toBe(t0 + 500);
      // Released: claimable again once due.
      expect(await store.claimDueTickets(claim('b', t0 + 500))).toHaveLength(1);
    });

    it('deletes a ticket with what was emitted for it', async () => {
      const store = await createStore();
      await store.saveTicket(save('t-1', t0));
      await store.markEmitted({ ticketId: 't-1', key: 'k', at: t0 });
      expect(await store.deleteTicket('t-1')).toBe(true);
      expect(await store.deleteTicket('t-1')).toBe(false);
      expect(await store.getTicket('t-1')).toBeUndefined();
      await store.saveTicket(save('t-1', t0));
      expect((await store.getTicket('t-1'))?.emitted).toEqual([]);
    });

    it('keeps a recorded delivery pending until acknowledged, leased to one claimant at a time', async () => {
      const store = await createStore();
      await store.saveTicket(save('t-1', t0));
      const signal = deliverySignal('t-1', 'k-1');
      expect(
        await store.markEmitted({
          ticketId: 't-1',
          key: 'k-1',
          at: t0,
          delivery: { signal, claimant: 'a', leaseExpiresAt: t0 + 100 },
        }),
      ).toBe(true);
      // Recorded without a delivery: nothing to send, never pending.
      await store.markEmitted({ ticketId: 't-1', key: 'k-0', at: t0 });
      expect(await store.claimPendingDeliveries(deliveries('b', t0 + 99))).toEqual([]);
      const [taken, ...rest] = await store.claimPendingDeliveries(deliveries('b', t0 + 100));
      expect(rest).toEqual([]);
      expect(taken).toEqual({ ticketId: 't-1', key: 'k-1', signal, attempts: 2 });
      expect(await store.claimPendingDeliveries(deliveries('c', t0 + 100))).toEqual([]);
      // Only the claimant may give it back; it is then claimable again from retryAt.
      expect(
        await store.retryDelivery({ ticketId: 't-1', key: 'k-1', claimant: 'a', retryAt: t0 }),
      ).toBe(false);
      expect(
        await store.retryDelivery({
          ticketId: 't-1',
          key: 'k-1',
          claimant: 'b',
          retryAt: t0 + 200,
        }),
      ).toBe(true);
      expect(await store.claimPendingDeliveries(deliveries('c', t0 + 199))).toEqual([]);
      const again = await store.claimPendingDeliveries(deliveries('c', t0 + 200));
      expect(again.map((pending) => pending.attempts)).toEqual([3]);
      expect(await store.acknowledgeDelivery({ ticketId: 't-1', key: 'k-1' })).toBe(true);
      expect(await store.acknowledgeDelivery({ ticketId: 't-1', key: 'k-1' })).toBe(false);
      expect(await store.acknowledgeDelivery({ ticketId: 't-1', key: 'k-0' })).toBe(false);
      expect(await store.claimPendingDeliveries(deliveries('d', t0 + 1_000_000))).toEqual([]);
      expect((await store.getTicket('t-1'))?.emitted).toEqual(['k-1', 'k-0']);
    });

    it('claims pending deliveries oldest lease first, up to the limit, once under contention', async () => {
      const store = await createStore();
      for (const ticketId of ['t-1', 't-2']) await store.saveTicket(save(ticketId, t0));
      const record = (ticketId: string, key: string, leaseExpiresAt: number) =>
        store.markEmitted({
          ticketId,
          key,
          at: t0,
          delivery: { signal: deliverySignal(ticketId, key), claimant: 'a', leaseExpiresAt },
        });
      await record('t-1', 'late', t0 + 30);
      await record('t-2', 'early', t0 + 10);
      await record('t-1', 'middle', t0 + 20);
      const limited = await store.claimPendingDeliveries(deliveries('b', t0 + 100, 2));
      expect(limited.map((pending) => pending.key)).toEqual(['early', 'middle']);
      const raced = await Promise.all(
        ['c', 'd', 'e'].map((claimant) =>
          store.claimPendingDeliveries(deliveries(claimant, t0 + 100)),
        ),
      );
      expect(raced.flat().map((pending) => pending.key)).toEqual(['late']);
      // Forgetting a ticket drops its pending deliveries.
      await store.deleteTicket('t-2');
      expect(
        (await store.claimPendingDeliveries(deliveries('f', t0 + 1_000_000)))
          .map((pending) => pending.key)
          .sort(),
      ).toEqual(['late', 'middle']);
    });

    it('rejects malformed arguments with invalid_input and honours an aborted signal', async () => {
      const store = await createStore();
      const invalid = expect.objectContaining({ code: 'invalid_input' });
      await expect(store.saveTicket(undefined as never)).rejects.toThrow(invalid);
      await expect(store.saveTicket({ ...save('t-1', t0), state: state('other') })).rejects.toThrow(
        invalid,
      );
      await expect(store.saveTicket({ ...save('t-1', -1) })).rejects.toThrow(invalid);
      await expect(
        store.saveTicket({
          ...save('t-1', t0),
          state: { ...state('t-1'), status: 'open' } as never,
        }),
      ).rejects.toThrow(invalid);
      await expect(store.getTicket('')).rejects.toThrow(invalid);
      await expect(store.claimDueTickets({ ...claim('a', t0), limit: 0 })).rejects.toThrow(invalid);
      await expect(store.claimDueTickets({ ...claim('a', t0), leaseMs: 0 })).rejects.toThrow(
        invalid,
      );
      await expect(store.markEmitted({ ticketId: 't', key: '', at: 0 })).rejects.toThrow(invalid);
      await expect(
        store.releaseTicket({ ticketId: 't', claimant: 'a', revision: 0, nextCheckAt: null }),
      ).rejects.toThrow(invalid);
      await expect(
        store.markEmitted({
          ticketId: 't',
          key: 'k',
          at: 0,
          delivery: { signal: { id: '' } as never, claimant: 'a', leaseExpiresAt: 0 },
        }),
      ).rejects.toThrow(invalid);
      await expect(
        store.claimPendingDeliveries({ ...deliveries('a', t0), leaseMs: 0 }),
      ).rejects.toThrow(invalid);
      await expect(store.acknowledgeDelivery({ ticketId: 't', key: '' })).rejects.toThrow(invalid);
      await expect(
        store.retryDelivery({ ticketId: 't', key: 'k', claimant: '', retryAt: 0 }),
      ).rejects.toThrow(invalid);
      const reason = new Error('stop');
      await expect(store.getTicket('t-1', { abortSignal: AbortSignal.abort(reason) })).rejects.toBe(
        reason,
      );
    });
  });
}
