import type { Signal } from '@guardloop/core';
import type { LiveTicketSla, TicketSlaStore } from './ticket-sla-store';
import { parseTicketSlaStoreArguments } from './ticket-sla-store-arguments';

interface Entry {
  ticket: LiveTicketSla;
  claimant: string | null;
  leaseExpiresAt: number;
  /** Alerts recorded but not acknowledged, by key, in the order recorded. */
  pending: Map<string, Pending>;
}

interface Pending {
  signal: Signal;
  claimant: string;
  leaseExpiresAt: number;
  attempts: number;
  sequence: number;
}

// Returned tickets are copies, so that a caller mutating one changes nothing here.
const copy = (ticket: LiveTicketSla): LiveTicketSla => structuredClone(ticket);

/**
 * A `TicketSlaStore` in memory: each warning and breach delivered at least once within one
 * process (tests, single-instance hosts); pending deliveries do not survive the process. Use `@guardloop/postgres/sla` when several processes monitor.
 */
export function createMemoryTicketSlaStore(): TicketSlaStore {
  const entries = new Map<string, Entry>();
  let sequence = 0;

  return {
    async saveTicket(...args) {
      const [save] = parseTicketSlaStoreArguments('saveTicket', args);
      const existing = entries.get(save.ticketId);
      const current = existing?.ticket.revision ?? null;
      if (current !== save.expectedRevision) return { saved: false, revision: current };
      const revision = (current ?? 0) + 1;
      entries.set(save.ticketId, {
        ticket: {
          ticketId: save.ticketId,
          state: structuredClone(save.state),
          revision,
          nextCheckAt: save.nextCheckAt,
          emitted: existing?.ticket.emitted ?? [],
        },
        claimant: existing?.claimant ?? null,
        leaseExpiresAt: existing?.leaseExpiresAt ?? 0,
        pending: existing?.pending ?? new Map(),
      });
      return { saved: true, revision };
    },
    async getTicket(...args) {
      const [ticketId] = parseTicketSlaStoreArguments('getTicket', args);
      const entry = entries.get(ticketId);
      return entry ? copy(entry.ticket) : undefined;
    },
    async deleteTicket(...args) {
      const [ticketId] = parseTicketSlaStoreArguments('deleteTicket', args);
      return entries.delete(ticketId);
    },
    async claimDueTickets(...args) {
      const [claim] = parseTicketSlaStoreArguments('claimDueTickets', args);
      const due = [...entries.values()]
        .filter(
          (entry) =>
            entry.ticket.nextCheckAt !== null &&
            entry.ticket.nextCheckAt <= claim.now &&
            entry.leaseExpiresAt <= claim.now,
        )
        .sort(
          (a, b) =>
            (a.ticket.nextCheckAt as number) - (b.ticket.nextCheckAt as number) ||
            (a.ticket.ticketId < b.ticket.ticketId ? -1 : 1),
        )
        .slice(0, claim.limit);
      for (const entry of due) {
        entry.claimant = claim.claimant;
        entry.leaseExpiresAt = claim.now + claim.leaseMs;
      }
      return due.map((entry) => copy(entry.ticket));
    },
    async markEmitted(...args) {
      const [mark] = parseTicketSlaStoreArguments('markEmitted', args);
      const entry = entries.get(mark.ticketId);
      if (!entry || entry.ticket.emitted.includes(mark.key)) return false;
      entry.ticket.emitted = [...entry.ticket.emitted, mark.key];
      if (mark.delivery)
        entry.pending.set(mark.key, {
          signal: structuredClone(mark.delivery.signal),
          claimant: mark.delivery.claimant,
          leaseExpiresAt: mark.delivery.leaseExpiresAt,
          attempts: 1,
          sequence: sequence++,
        });
      return true;
    },
    async releaseTicket(...args) {
      const [release] = parseTicketSlaStoreArguments('releaseTicket', args);
      const entry = entries.get(release.ticketId);
      if (entry?.claimant !== release.claimant) return false;
      entry.claimant = null;
      entry.leaseExpiresAt = 0;
      if (entry.ticket.revision === release.revision)
        entry.ticket.nextCheckAt = release.nextCheckAt;
      return true;
    },
    async claimPendingDeliveries(...args) {
      const [claim] = parseTicketSlaStoreArguments('claimPendingDeliveries', args);
      const due = [...entries.values()]
        .flatMap((entry) =>
          [...entry.pending].map(([key, pending]) => ({
            ticketId: entry.ticket.ticketId,
            key,
            pending,
          })),
        )
        .filter(({ pending }) => pending.leaseExpiresAt <= claim.now)
        .sort(
          (a, b) =>
            a.pending.leaseExpiresAt - b.pending.leaseExpiresAt ||
            a.pending.sequence - b.pending.sequence,
        )
        .slice(0, claim.limit);
      return due.map(({ ticketId, key, pending }) => {
        pending.claimant = claim.claimant;
        pending.leaseExpiresAt = claim.now + claim.leaseMs;
        pending.attempts += 1;
        return {
          ticketId,
          key,
          signal: structuredClone(pending.signal),
          attempts: pending.attempts,
        };
      });
    },
    async acknowledgeDelivery(...args) {
      const [acknowledge] = parseTicketSlaStoreArguments('acknowledgeDelivery', args);
      return entries.get(acknowledge.ticketId)?.pending.delete(acknowledge.key) ?? false;
    },
    async retryDelivery(...args) {
      const [retry] = parseTicketSlaStoreArguments('retryDelivery', args);
      const pending = entries.get(retry.ticketId)?.pending.get(retry.key);
      if (pending?.claimant !== retry.claimant) return false;
      pending.leaseExpiresAt = retry.retryAt;
      return true;
    },
  };
}
