import { signalSchema } from '@guardloop/core';
import { abortOptionsSchema, createStoreArgumentParser } from '@guardloop/core/internal';
import { z } from 'zod';
import { slaKeySchema } from './sla-key';
import { ticketSlaStateSchema } from './ticket-sla-state';
import type { TicketSlaStore } from './ticket-sla-store';

const key = slaKeySchema;
const epochMs = z.int().nonnegative();
const call = abortOptionsSchema;
const leaseMs = z
  .int()
  .min(1)
  .max(2 ** 31 - 1);
// An emitted key names the ticket, metric, instance and kind.
const emittedKey = z.string().min(1).max(600);

/** Argument tuples of each `TicketSlaStore` method, for implementations to validate. */
export const ticketSlaStoreArgumentSchemas = {
  saveTicket: z.tuple([
    z
      .strictObject({
        ticketId: key,
        state: ticketSlaStateSchema,
        nextCheckAt: epochMs.nullable(),
        expectedRevision: z.int().min(1).nullable(),
      })
      .refine((save) => save.state.ticketId === save.ticketId, {
        message: 'state.ticketId must be ticketId',
        path: ['state', 'ticketId'],
      }),
    call,
  ]),
  getTicket: z.tuple([key, call]),
  deleteTicket: z.tuple([key, call]),
  claimDueTickets: z.tuple([
    z.strictObject({
      now: epochMs,
      claimant: key,
      leaseMs,
      limit: z.int().min(1).max(1000),
    }),
    call,
  ]),
  markEmitted: z.tuple([
    z.strictObject({
      ticketId: key,
      key: emittedKey,
      at: epochMs,
      delivery: z
        .strictObject({ signal: signalSchema, claimant: key, leaseExpiresAt: epochMs })
        .optional(),
    }),
    call,
  ]),
  claimPendingDeliveries: z.tuple([
    z.strictObject({ now: epochMs, claimant: key, leaseMs, limit: z.int().min(1).max(1000) }),
    call,
  ]),
  acknowledgeDelivery: z.tuple([z.strictObject({ ticketId: key, key: emittedKey }), call]),
  retryDelivery: z.tuple([
    z.strictObject({ ticketId: key, key: emittedKey, claimant: key, retryAt: epochMs }),
    call,
  ]),
  releaseTicket: z.tuple([
    z.strictObject({
      ticketId: key,
      claimant: key,
      revision: z.int().min(1),
      nextCheckAt: epochMs.nullable(),
    }),
    call,
  ]),
} as const;

export type TicketSlaStoreMethod = keyof typeof ticketSlaStoreArgumentSchemas;

export type TicketSlaStoreArguments = {
  [Method in TicketSlaStoreMethod]: Parameters<TicketSlaStore[Method]>;
};

const parse = createStoreArgumentParser<TicketSlaStoreArguments>(ticketSlaStoreArgumentSchemas, {
  store: 'TicketSlaStore',
});

/**
 * Validates the arguments of a `TicketSlaStore` call (`invalid_input`), then rejects with the
 * abort reason when the call's `abortSignal` is aborted. Every store calls it first, so memory
 * and PostgreSQL accept and refuse the same values.
 */
export function parseTicketSlaStoreArguments<Method extends TicketSlaStoreMethod>(
  method: Method,
  args: readonly unknown[],
): TicketSlaStoreArguments[Method] {
  return parse(method, args);
}
