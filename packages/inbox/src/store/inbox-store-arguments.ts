import { abortOptionsSchema, createStoreArgumentParser } from '@guardloop/core/internal';
import { storableTextSchema } from '@guardloop/undo-log/internal';
import { z } from 'zod';
import {
  historyEntrySchema,
  inboxItemPatchSchema,
  inboxStatusSchema,
  newInboxItemSchema,
} from '../item/inbox-item';
import type { InboxStore } from './inbox-store';

const text = storableTextSchema;
const entries = z.array(historyEntrySchema).max(100);
// Every method's last, optional argument: `{ abortSignal? }`.
const call = abortOptionsSchema;
const slaEventKey = {
  itemId: text,
  deadline: z.enum(['acknowledge', 'decide']),
  kind: z.enum(['warning', 'breached']),
};

/** Argument tuples of each `InboxStore` method, for implementations to validate against. */
export const inboxStoreArgumentSchemas = {
  insert: z.tuple([newInboxItemSchema, call]),
  get: z.tuple([text, call]),
  getByTrace: z.tuple([text, call]),
  update: z.tuple([
    text,
    z.strictObject({
      expectRevision: z.int().min(0).max(2_147_483_647),
      set: inboxItemPatchSchema,
      append: entries.optional(),
    }),
    call,
  ]),
  append: z.tuple([text, entries.min(1), call]),
  list: z.tuple([
    z.strictObject({
      statuses: z.array(inboxStatusSchema).min(1).optional(),
      queue: text.optional(),
      assignee: text.optional(),
      overdueAt: z.int().nonnegative().optional(),
      afterSequence: z.int().nonnegative().optional(),
      limit: z.int().min(1).max(1000),
    }),
    call,
  ]),
  claimSlaEvent: z.tuple([
    z.strictObject({
      ...slaEventKey,
      claimant: text,
      now: z.int().nonnegative(),
      leaseMs: z
        .int()
        .min(1)
        .max(2 ** 31 - 1),
    }),
    call,
  ]),
  completeSlaEvent: z.tuple([
    z.strictObject({ ...slaEventKey, claimant: text, now: z.int().nonnegative() }),
    call,
  ]),
} as const;

export type InboxStoreMethod = keyof typeof inboxStoreArgumentSchemas;

/** The argument tuple of each `InboxStore` method. */
export type InboxStoreArguments = {
  [Method in InboxStoreMethod]: Parameters<NonNullable<InboxStore[Method]>>;
};

const parse = createStoreArgumentParser<InboxStoreArguments>(inboxStoreArgumentSchemas, {
  store: 'InboxStore',
  returns: 'arguments',
});

/**
 * Validates the arguments of an `InboxStore` call: every store calls it first, so memory and
 * PostgreSQL accept and refuse the same values (`invalid_input`: NUL, lone surrogates, long
 * text, fractional times, non-JSON values, unknown patch fields, an `abortSignal` that is not
 * one) before anything is written, then rejects with the abort reason when the signal is
 * aborted. Returns `args` as given.
 */
export function parseInboxStoreArguments<Method extends InboxStoreMethod>(
  method: Method,
  args: readonly unknown[],
): InboxStoreArguments[Method] {
  return parse(method, args);
}
