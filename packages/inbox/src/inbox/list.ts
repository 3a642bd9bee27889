import { InvalidInputError, parseInput } from '@guardloop/core';
import { throwIfAborted } from '@guardloop/core/internal';
import { storableTextSchema } from '@guardloop/undo-log/internal';
import { z } from 'zod';
import { type InboxItem, inboxStatusSchema } from '../item/inbox-item';
import type { InboxStoreQuery } from '../store/inbox-store';
import type { InboxRuntime } from './inbox-runtime';
import { abortSignalSchema } from './option-schemas';

const cursorPattern = /^s(\d{1,15})$/;

/** Opaque to callers: the last item's sequence. */
const encodeCursor = (sequence: number) => `s${sequence}`;

function decodeCursor(cursor: string): number {
  const match = cursorPattern.exec(cursor);
  if (!match)
    throw new InvalidInputError({
      subject: 'inbox list options',
      issues: [{ path: 'cursor', message: 'not a cursor returned by list' }],
    });
  return Number(match[1]);
}

const pageSchema = {
  /** `nextCursor` of the previous page. */
  cursor: z.string().max(64).optional(),
  limit: z.int().min(1).max(500).default(50),
  abortSignal: abortSignalSchema.optional(),
};

export const listOptionsSchema = z
  .object({
    status: z.union([inboxStatusSchema, z.array(inboxStatusSchema).min(1)]).optional(),
    queue: storableTextSchema.optional(),
    assignee: storableTextSchema.optional(),
    /** Only pending items past their acknowledge-by or decide-by now. */
    overdue: z.boolean().optional(),
    ...pageSchema,
  })
  .prefault({});
export type ListOptions = z.input<typeof listOptionsSchema>;

export interface InboxPage<Entry = InboxItem> {
  items: Entry[];
  /** Pass to the next call; null on the last page. */
  nextCursor: string | null;
}

async function page(
  runtime: InboxRuntime,
  query: Omit<InboxStoreQuery, 'limit' | 'afterSequence'>,
  cursor: string | undefined,
  limit: number,
  abortSignal: AbortSignal | undefined,
): Promise<InboxPage> {
  const afterSequence = cursor === undefined ? undefined : decodeCursor(cursor);
  const found = await runtime.store.list(
    {
      ...query,
      ...(afterSequence === undefined ? {} : { afterSequence }),
      limit: limit + 1,
    },
    { abortSignal },
  );
  const items = found.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: found.length > limit && last ? encodeCursor(last.sequence) : null,
  };
}

/** Keyset pages of items, oldest first. */
export async function list(runtime: InboxRuntime, options?: ListOptions): Promise<InboxPage> {
  const { status, queue, assignee, overdue, cursor, limit, abortSignal } = parseInput(
    listOptionsSchema,
    options,
    'inbox list options',
  );
  throwIfAborted(abortSignal);
  return page(
    runtime,
    {
      ...(status === undefined ? {} : { statuses: Array.isArray(status) ? status : [status] }),
      ...(queue === undefined ? {} : { queue }),
      ...(assignee === undefined ? {} : { assignee }),
      ...(overdue ? { overdueAt: runtime.clock.now() } : {}),
    },
    cursor,
    limit,
    abortSignal,
  );
}

export const dueOptionsSchema = z
  .object({
    /** Default: the inbox clock's now. */
    now: z.int().nonnegative().optional(),
    /** Also list deadlines this close (ms). Default 0: only breaches. */
    warnBeforeMs: z
      .int()
      .min(0)
      .max(365 * 24 * 60 * 60 * 1000)
      .default(0),
    ...pageSchema,
  })
  .prefault({});
export type DueOptions = z.input<typeof dueOptionsSchema>;

export interface SlaDeadline {
  clock: 'acknowledge' | 'decide';
  dueAt: number;
  state: 'warning' | 'breached';
}

export interface DueItem {
  item: InboxItem;
  /** The deadlines breached or about to be, acknowledge first. */
  deadlines: SlaDeadline[];
}

/** Pending items whose acknowledge-by or decide-by has passed, or passes within `warnBeforeMs`. */
export async function due(
  runtime: InboxRuntime,
  options?: DueOptions,
): Promise<InboxPage<DueItem>> {
  const parsed = parseInput(dueOptionsSchema, options, 'inbox due options');
  throwIfAborted(parsed.abortSignal);
  const now = parsed.now ?? runtime.clock.now();
  const horizon = now + parsed.warnBeforeMs;
  const found = await page(
    runtime,
    { overdueAt: horizon },
    parsed.cursor,
    parsed.limit,
    parsed.abortSignal,
  );
  const deadline = (clock: SlaDeadline['clock'], dueAt: number): SlaDeadline => ({
    clock,
    dueAt,
    state: dueAt <= now ? 'breached' : 'warning',
  });
  return {
    nextCursor: found.nextCursor,
    items: found.items.map((item) => {
      const deadlines: SlaDeadline[] = [];
      if (
        item.acknowledgedAt === null &&
        item.acknowledgeBy !== null &&
        item.acknowledgeBy <= horizon
      )
        deadlines.push(deadline('acknowledge', item.acknowledgeBy));
      if (item.decideBy !== null && item.decideBy <= horizon)
        deadlines.push(deadline('decide', item.decideBy));
      return { item, deadlines };
    }),
  };
}
