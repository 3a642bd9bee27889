import { type Actor, actorSchema, parseInput } from '@guardloop/core';
import { storableTextSchema } from '@guardloop/undo-log/internal';
import { z } from 'zod';
import { LeaseHeldError } from '../errors/lease-held-error';
import { type InboxItem, reviewerTextSchema } from '../item/inbox-item';
import { assertPending, type InboxRuntime, loadItem, updateWithRetry } from './inbox-runtime';
import { abortSignalSchema, durationMsSchema } from './option-schemas';

const idSchema = storableTextSchema;
const base = { abortSignal: abortSignalSchema.optional() };

export const claimOptionsSchema = z.object({
  reviewer: actorSchema,
  /** How long the claim holds unless renewed by claiming again. Default: the inbox's. */
  leaseMs: durationMsSchema.optional(),
  ...base,
});
export type ClaimOptions = z.input<typeof claimOptionsSchema>;

export const releaseOptionsSchema = z.object({ reviewer: actorSchema, ...base });
export type ReleaseOptions = z.input<typeof releaseOptionsSchema>;

export const reassignOptionsSchema = z.object({
  /** The current holder, or anyone while nobody holds a live claim. */
  by: actorSchema,
  to: actorSchema,
  queue: storableTextSchema.optional(),
  leaseMs: durationMsSchema.optional(),
  note: reviewerTextSchema.optional(),
  ...base,
});
export type ReassignOptions = z.input<typeof reassignOptionsSchema>;

export const commentOptionsSchema = z.object({
  by: actorSchema,
  text: reviewerTextSchema,
  ...base,
});
export type CommentOptions = z.input<typeof commentOptionsSchema>;

/** The live claim of someone other than `reviewerId`, if any. */
function otherHolder(item: InboxItem, reviewerId: string, now: number): LeaseHeldError | undefined {
  if (item.assignee === null || item.assignee === reviewerId) return undefined;
  if (item.leaseExpiresAt === null || item.leaseExpiresAt <= now) return undefined;
  return new LeaseHeldError({
    escalationId: item.id,
    holder: item.assignee,
    leaseExpiresAt: item.leaseExpiresAt,
  });
}

/** Refuses with `lease_held` while another reviewer's claim is live. */
export function assertNotHeldByOther(item: InboxItem, reviewer: Actor, now: number): void {
  const held = otherHolder(item, reviewer.id, now);
  if (held) throw held;
}

/** One reviewer at a time: takes (or renews) the claim; the first claim acknowledges the item. */
export async function claim(runtime: InboxRuntime, id: unknown, options: ClaimOptions) {
  const escalationId = parseInput(idSchema, id, 'escalation id');
  const { reviewer, leaseMs, abortSignal } = parseInput(
    claimOptionsSchema,
    options,
    'claim options',
  );
  return updateWithRetry(runtime, escalationId, abortSignal, (item) => {
    assertPending(item);
    const now = runtime.clock.now();
    assertNotHeldByOther(item, reviewer, now);
    return {
      set: {
        assignee: reviewer.id,
        leaseExpiresAt: now + (leaseMs ?? runtime.defaultLeaseMs),
        acknowledgedAt: item.acknowledgedAt ?? now,
        updatedAt: now,
      },
      append: [{ type: 'claimed', at: now, actor: reviewer }],
    };
  });
}

/** Gives the claim back; a no-op when nobody holds it. */
export async function release(runtime: InboxRuntime, id: unknown, options: ReleaseOptions) {
  const escalationId = parseInput(idSchema, id, 'escalation id');
  const { reviewer, abortSignal } = parseInput(releaseOptionsSchema, options, 'release options');
  const current = await loadItem(runtime, escalationId, abortSignal);
  if (current.assignee === null) return current;
  return updateWithRetry(runtime, escalationId, abortSignal, (item) => {
    assertPending(item);
    const now = runtime.clock.now();
    assertNotHeldByOther(item, reviewer, now);
    return {
      set: { assignee: null, leaseExpiresAt: null, updatedAt: now },
      append: [{ type: 'released', at: now, actor: reviewer }],
    };
  });
}

/** Hands the claim (and optionally the item's queue) to another reviewer. */
export async function reassign(runtime: InboxRuntime, id: unknown, options: ReassignOptions) {
  const escalationId = parseInput(idSchema, id, 'escalation id');
  const { by, to, queue, leaseMs, note, abortSignal } = parseInput(
    reassignOptionsSchema,
    options,
    'reassign options',
  );
  return updateWithRetry(runtime, escalationId, abortSignal, (item) => {
    assertPending(item);
    const now = runtime.clock.now();
    assertNotHeldByOther(item, by, now);
    return {
      set: {
        assignee: to.id,
        leaseExpiresAt: now + (leaseMs ?? runtime.defaultLeaseMs),
        ...(queue === undefined ? {} : { queue }),
        updatedAt: now,
      },
      append: [
        {
          type: 'reassigned',
          at: now,
          actor: by,
          ...(note === undefined ? {} : { note }),
          details: { from: item.assignee, to: to.id, queue: queue ?? item.queue },
        },
      ],
    };
  });
}

/** Adds a comment to the history, whatever the item's state. */
export async function comment(runtime: InboxRuntime, id: unknown, options: CommentOptions) {
  const escalationId = parseInput(idSchema, id, 'escalation id');
  const { by, text, abortSignal } = parseInput(commentOptionsSchema, options, 'comment options');
  await loadItem(runtime, escalationId, abortSignal);
  const item = await runtime.store.append(
    escalationId,
    [{ type: 'commented', at: runtime.clock.now(), actor: by, note: text }],
    { abortSignal },
  );
  return item ?? loadItem(runtime, escalationId, abortSignal);
}
