import { parseInput } from '@guardloop/core';
import { storableTextSchema } from '@guardloop/undo-log';
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
const slaEventKey = {
  itemId: text,
  deadline: z.enum(['acknowledge', 'decide']),
  kind: z.enum(['warning', 'breached']),
};

/** Argument tuples of each `InboxStore` method, for implementations to validate against. */
export const inboxStoreArgumentSchemas = {
  insert: z.tuple([newInboxItemSchema]),
  get: z.tuple([text]),
  getByTrace: z.tuple([text]),
  update: z.tuple([
    text,
    z.strictObject({
      expectRevision: z.int().min(0).max(2_147_483_647),
      set: inboxItemPatchSchema,
      append: entries.optional(),
    }),
  ]),
  append: z.tuple([text, entries.min(1)]),
  list: z.tuple([
    z.strictObject({
      statuses: z.array(inboxStatusSchema).min(1).optional(),
      queue: text.optional(),
      assignee: text.optional(),
      overdueAt: z.int().nonnegative().optional(),
      afterSequence: z.int().nonnegative().optional(),
      limit: z.int().min(1).max(1000),
    }),
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
  ]),
  completeSlaEvent: z.tuple([
    z.strictObject({ ...slaEventKey, claimant: text, now: z.int().nonnegative() }),
  ]),
} as const;

export type InboxStoreMethod = keyof typeof inboxStoreArgumentSchemas;

/** The argument tuple of each `InboxStore` method. */
export type InboxStoreArguments = {
  [Method in InboxStoreMethod]: Parameters<NonNullable<InboxStore[Method]>>;
};

/**
 * Validates the arguments of an `InboxStore` call: every store calls it first, so memory and
 * PostgreSQL accept and refuse the same values (`invalid_input`: NUL, lone surrogates, long
 * text, fractional times, non-JSON values, unknown patch fields) before anything is written.
 * Returns `args` as given.
 */
export function parseInboxStoreArguments<Method extends InboxStoreMethod>(
  method: Method,
  args: readonly unknown[],
): InboxStoreArguments[Method] {
  const schema: z.ZodType = inboxStoreArgumentSchemas[method];
  parseInput(schema, args, `InboxStore.${method} arguments`);
  return args as InboxStoreArguments[Method];
}
