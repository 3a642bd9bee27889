import { parseInput } from '@guardloop/core';
import { throwIfAborted } from '@guardloop/core/internal';
import { z } from 'zod';
import { decisionOutcome } from '../feedback/decision-outcomes';
import { recordFeedbackSafely } from '../feedback/record-feedback';
import type { InboxItem } from '../item/inbox-item';
import type { InboxRuntime } from './inbox-runtime';
import { abortSignalSchema } from './option-schemas';
import { completedUpdate, decidedAction, failedUpdate, settle } from './run-approved-action';

export const recoverOptionsSchema = z
  .object({
    /**
     * Only decisions at least this old (ms, inbox clock): a younger one may still be running
     * in the process that made it. Default 1 minute.
     */
    olderThanMs: z
      .int()
      .min(0)
      .max(365 * 24 * 60 * 60 * 1000)
      .default(60_000),
    /** Items read per store page. Default 100. */
    batchSize: z.int().min(1).max(1000).default(100),
    abortSignal: abortSignalSchema.optional(),
  })
  .prefault({});
export type RecoverOptions = z.input<typeof recoverOptionsSchema>;

/**
 * What recovery did with one item left `approving`:
 * - `completed`: the action had run; its result is now recorded and the item final;
 * - `failed`: the action had failed for good; the item is `failed`;
 * - `not_started`: the undo log has no run of it (the process died before starting it); the
 *   item stays `approving`, and the deciding reviewer deciding again runs it;
 * - `interrupted`: the run is in the undo log but unfinished (the undo log's own recovery
 *   completes or fails it; a later sweep records that);
 * - `error`: reading or writing failed (`error` says why); a later sweep tries again.
 */
export interface RecoveredDecision {
  escalationId: string;
  outcome: 'completed' | 'failed' | 'not_started' | 'interrupted' | 'error';
  item: InboxItem;
  error?: unknown;
}

export interface RecoverResult {
  items: RecoveredDecision[];
}

async function recoverOne(
  runtime: InboxRuntime,
  item: InboxItem,
  abortSignal: AbortSignal | undefined,
): Promise<RecoveredDecision> {
  const report = (outcome: RecoveredDecision['outcome'], current: InboxItem) => ({
    escalationId: item.id,
    outcome,
    item: current,
  });
  const action = decidedAction(item);
  const { undoLog } = runtime;
  let settled: InboxItem;
  if (action === undefined || undoLog === undefined) {
    // Nothing ran through a log: the decision is the whole record (the host runs the action).
    const final = item.decision?.kind === 'reject' ? 'rejected' : 'approved';
    settled = await settle(runtime, item.id, () => ({
      set: { status: action?.finalStatus ?? final, updatedAt: runtime.clock.now() },
    }));
  } else {
    throwIfAborted(abortSignal);
    const records = await undoLog.listTrace(item.traceId);
    const record = records.find((candidate) => candidate.idempotencyKey === action.idempotencyKey);
    if (record === undefined) return report('not_started', item);
    if (record.status === 'pending') return report('interrupted', item);
    settled =
      record.status === 'failed'
        ? await settle(runtime, item.id, () =>
            // As a live approval records it: the undo log's `action_failed`, the action's message.
            failedUpdate(runtime, action, {
              code: 'action_failed',
              message: record.error?.message ?? '',
            }),
          )
        : await settle(runtime, item.id, () =>
            completedUpdate(runtime, action, {
              result: record.result ?? null,
              actionId: record.id,
              replayed: true,
            }),
          );
  }
  // The crash may have come before the decision reached feedback: a duplicate is harmless.
  const outcome = decisionOutcome(settled);
  const recorded = await recordFeedbackSafely(
    runtime,
    settled,
    outcome ? [outcome] : [],
    abortSignal,
  );
  return report(recorded.status === 'failed' ? 'failed' : 'completed', recorded);
}

/**
 * Completes decisions a process left `approving` (it died between winning the decision and
 * recording its action's result), from the undo log's record of the run, and tells the
 * caller what it found for each. Safe to run in several processes at once: only a
 * compare-and-set moves an item out of `approving`, and never against what happened.
 */
export async function recoverDecisions(
  runtime: InboxRuntime,
  options: RecoverOptions | undefined,
): Promise<RecoverResult> {
  const { olderThanMs, batchSize, abortSignal } = parseInput(
    recoverOptionsSchema,
    options,
    'recover options',
  );
  throwIfAborted(abortSignal);
  const cutoff = runtime.clock.now() - olderThanMs;
  const items: RecoveredDecision[] = [];
  let afterSequence: number | undefined;
  for (;;) {
    throwIfAborted(abortSignal);
    const page = await runtime.store.list(
      {
        statuses: ['approving'],
        limit: batchSize,
        ...(afterSequence === undefined ? {} : { afterSequence }),
      },
      { abortSignal },
    );
    for (const item of page) {
      if ((item.decision?.at ?? item.updatedAt) > cutoff) continue;
      try {
        items.push(await recoverOne(runtime, item, abortSignal));
      } catch (error) {
        if (abortSignal?.aborted) throw error;
        items.push({ escalationId: item.id, outcome: 'error', item, error });
      }
    }
    if (page.length < batchSize) break;
    afterSequence = page.at(-1)?.sequence;
  }
  return { items };
}
