import type { Signal } from '@guardloop/core';
import type { TicketSlaState } from './ticket-sla-state';

export interface TicketSlaStoreCallOptions {
  abortSignal?: AbortSignal;
}

/** A live ticket as the SLA monitor keeps it. */
export interface LiveTicketSla {
  ticketId: string;
  state: TicketSlaState;
  /** Bumped by every save: `saveTicket` and `releaseTicket` compare it. */
  revision: number;
  /** When the monitor must look at the ticket next (a warning or breach is due); null: never. */
  nextCheckAt: number | null;
  /** Keys of the warnings and breaches already emitted, in the order they were recorded. */
  emitted: string[];
}

export interface SaveTicketSla {
  ticketId: string;
  state: TicketSlaState;
  nextCheckAt: number | null;
  /** The revision read before (null: the ticket must be new). A mismatch saves nothing. */
  expectedRevision: number | null;
}

export interface ClaimDueTicketSlas {
  now: number;
  claimant: string;
  leaseMs: number;
  limit: number;
}

export interface MarkTicketSlaEmitted {
  ticketId: string;
  key: string;
  at: number;
  /**
   * The signal to deliver, leased to `claimant` until `leaseExpiresAt`: the alert is kept
   * `pending` until `acknowledgeDelivery`. Without it the alert is recorded as delivered
   * (nothing to send, e.g. a warning overtaken by its breach).
   */
  delivery?: TicketSlaDeliveryLease;
}

export interface TicketSlaDeliveryLease {
  signal: Signal;
  claimant: string;
  leaseExpiresAt: number;
}

/** An alert recorded but not yet acknowledged as delivered. */
export interface PendingTicketSlaDelivery {
  ticketId: string;
  /** The alert key: also the signal's fingerprint, the idempotency key of every redelivery. */
  key: string;
  /** The signal as first built (same id): redeliveries are identical. */
  signal: Signal;
  /** Delivery attempts started, this claim included. */
  attempts: number;
}

export interface ClaimPendingTicketSlaDeliveries {
  now: number;
  claimant: string;
  leaseMs: number;
  limit: number;
}

export interface AcknowledgeTicketSlaDelivery {
  ticketId: string;
  key: string;
}

export interface RetryTicketSlaDelivery {
  ticketId: string;
  key: string;
  claimant: string;
  /** Not claimable again before this time (the retry backoff). */
  retryAt: number;
}

export interface ReleaseTicketSla {
  ticketId: string;
  claimant: string;
  /** The revision the claimant evaluated: `nextCheckAt` is only written when it is still current. */
  revision: number;
  nextCheckAt: number | null;
}

/**
 * Where the ticket SLA monitor keeps live tickets, their next due times and what it emitted.
 * Implementations validate arguments with `parseTicketSlaStoreArguments` and must make
 * `saveTicket` a compare-and-set on `revision`, `claimDueTickets` and
 * `claimPendingDeliveries` leases that concurrent processes cannot both take, and
 * `markEmitted` an insert that only one caller wins per key.
 */
export interface TicketSlaStore {
  /** Creates or replaces a ticket when `expectedRevision` matches; `saved: false` otherwise. */
  saveTicket(
    save: SaveTicketSla,
    options?: TicketSlaStoreCallOptions,
  ): Promise<{ saved: boolean; revision: number | null }>;
  getTicket(
    ticketId: string,
    options?: TicketSlaStoreCallOptions,
  ): Promise<LiveTicketSla | undefined>;
  /** Forgets a ticket and what was emitted for it; false when it was not there. */
  deleteTicket(ticketId: string, options?: TicketSlaStoreCallOptions): Promise<boolean>;
  /**
   * Leases to `claimant`, for `leaseMs`, up to `limit` tickets whose `nextCheckAt` is at or
   * before `now` and whose lease is free or expired, earliest `nextCheckAt` first.
   */
  claimDueTickets(
    claim: ClaimDueTicketSlas,
    options?: TicketSlaStoreCallOptions,
  ): Promise<LiveTicketSla[]>;
  /** Records an emitted key; true only for the one call that recorded it first. */
  markEmitted(mark: MarkTicketSlaEmitted, options?: TicketSlaStoreCallOptions): Promise<boolean>;
  /** Ends `claimant`'s lease; false when it no longer held it. */
  releaseTicket(release: ReleaseTicketSla, options?: TicketSlaStoreCallOptions): Promise<boolean>;
  /**
   * Leases to `claimant`, for `leaseMs`, up to `limit` pending alerts whose delivery lease (or
   * retry backoff) ended at or before `now`, oldest first; each claim counts one attempt.
   */
  claimPendingDeliveries(
    claim: ClaimPendingTicketSlaDeliveries,
    options?: TicketSlaStoreCallOptions,
  ): Promise<PendingTicketSlaDelivery[]>;
  /** Marks a pending alert delivered, whoever holds it; false when it was not pending. */
  acknowledgeDelivery(
    acknowledge: AcknowledgeTicketSlaDelivery,
    options?: TicketSlaStoreCallOptions,
  ): Promise<boolean>;
  /** Gives a failed delivery back until `retryAt`; false when `claimant` no longer held it. */
  retryDelivery(
    retry: RetryTicketSlaDelivery,
    options?: TicketSlaStoreCallOptions,
  ): Promise<boolean>;
}
