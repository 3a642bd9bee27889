import { GuardloopError } from '@guardloop/core';
import { toStorableString } from '@guardloop/core/internal';
import type { InboxRuntime } from '../inbox/inbox-runtime';
import type { InboxItem } from '../item/inbox-item';
import { breachOutcomes, decisionOutcome, type InboxOutcome } from './decision-outcomes';

/** What `onFeedbackError` is told besides the error. */
export interface FeedbackFailure {
  escalationId: string;
  outcome: InboxOutcome;
}

/**
 * Records outcomes of a decision that already stands: a failure must not undo it, so it is
 * reported (a `feedback_failed` history entry and `onFeedbackError`) instead of thrown.
 * Outcome ids derive from the escalation id, so `inbox.recordFeedback` can retry safely.
 * Returns the item, re-read when a failure was recorded on it.
 */
export async function recordFeedbackSafely(
  runtime: InboxRuntime,
  item: InboxItem,
  outcomes: readonly InboxOutcome[],
  abortSignal: AbortSignal | undefined,
): Promise<InboxItem> {
  const { feedback } = runtime;
  if (feedback === undefined) return item;
  let updated = item;
  for (const outcome of outcomes) {
    try {
      await feedback.record(outcome, abortSignal ? { abortSignal } : undefined);
    } catch (error) {
      try {
        runtime.onFeedbackError?.(error, { escalationId: item.id, outcome });
      } catch {
        // The host's reporter failing changes nothing about the decision.
      }
      const code = GuardloopError.isInstance(error) ? error.code : 'unknown';
      const message = toStorableString(
        error instanceof Error ? error.message : String(error),
        2_000,
      );
      try {
        updated =
          (await runtime.store.append(item.id, [
            {
              type: 'feedback_failed',
              at: runtime.clock.now(),
              details: { outcomeId: outcome.id, outcomeType: outcome.type, code, message },
            },
          ])) ?? updated;
      } catch {
        // The store is down too: onFeedbackError was told, and the decision stands.
      }
    }
  }
  return updated;
}

/**
 * Records the item's decision and SLA breaches again (`inbox.recordFeedback`), throwing what
 * the recorder throws: the ids are the same as the first time, so a recorded one is a duplicate.
 */
export async function recordItemFeedback(
  runtime: InboxRuntime,
  item: InboxItem,
  abortSignal: AbortSignal | undefined,
): Promise<InboxOutcome[]> {
  const { feedback } = runtime;
  if (feedback === undefined) return [];
  const decision = decisionOutcome(item);
  const outcomes = [...(decision ? [decision] : []), ...breachOutcomes(item)];
  for (const outcome of outcomes)
    await feedback.record(outcome, abortSignal ? { abortSignal } : undefined);
  return outcomes;
}
