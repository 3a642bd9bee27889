import type { Clock } from '@guardloop/core';
import { throwIfAborted } from '@guardloop/core/internal';
import { ConcurrentUpdateError } from '../errors/concurrent-update-error';
import { OutcomeConflictError } from '../errors/outcome-conflict-error';
import { UnknownTraceError } from '../errors/unknown-trace-error';
import type { OutcomeEvent, StoredOutcome } from '../schemas/outcome-event';
import type { ParsedOutcomeInput } from '../schemas/outcome-input';
import { originOutcomeTypes } from '../schemas/outcome-payloads';
import type { TraceState } from '../schemas/trace-state';
import type { FeedbackStore, OutcomeCommit } from '../store/feedback-store';
import { maxPageLimit, readAllPages } from '../store/page';
import { aggregateDeltas } from './aggregate-deltas';
import { applyOutcome } from './apply-outcome';
import { completeOutcome, conflictingFields } from './complete-outcome';
import type { RecordResult } from './create-outcome-recorder';
import { compareOutcomeOrder, foldOutcomes, withUnknownTraceFlag } from './fold-outcomes';
import type { TraceCache } from './trace-cache';

/**
 * The trace an outcome lands on, for a first attempt: the state this recorder wrote last, or no
 * trace yet for an origin outcome (a decision starts its trace); `null` when it must be read.
 * A wrong guess costs one conflict, then the trace is read.
 */
export function guessTrace(
  traces: TraceCache,
  traceId: string,
  type: OutcomeEvent['type'],
): TraceState | undefined | null {
  if (traces.has(traceId)) return traces.get(traceId);
  return originOutcomeTypes.has(type) ? undefined : null;
}

export interface CommitSettings {
  store: FeedbackStore;
  /** The states this recorder wrote last: a guess the compare-and-set checks. */
  traces: TraceCache;
  clock: Clock;
  unknownTraces: 'flag' | 'reject';
  deflectionWindowMs: number;
  maxAttempts: number;
}

/**
 * Whether appending `event` to the fold could differ from folding all outcomes in time order:
 * it is earlier than the latest one folded (a late arrival), or it starts a trace whose earlier
 * follow-ups were flagged `unknown_trace`.
 */
export function needsRefold(previous: TraceState | undefined, event: OutcomeEvent): boolean {
  if (!previous || process.env.NO_REFOLD) return false;
  if (previous.latestAt === undefined || event.at < previous.latestAt) return true;
  return !previous.known && originOutcomeTypes.has(event.type);
}

/**
 * The commit of a late arrival: the trace re-folded from every outcome in time order, the
 * outcomes whose flags changed, and the deltas from the old contribution to the new one.
 */
function refoldCommit(
  previous: TraceState,
  stored: readonly StoredOutcome[],
  event: OutcomeEvent,
  deflectionWindowMs: number,
): OutcomeCommit {
  const ordered = [...stored, event].sort(compareOutcomeOrder);
  const folded = foldOutcomes(ordered, { deflectionWindowMs });
  const trace = { ...folded.trace, revision: previous.revision + 1 };
  event.flags = folded.flags.get(event.id) ?? [];
  const reflagged = stored.flatMap((outcome) => {
    const flags = folded.flags.get(outcome.id) ?? [];
    const same =
      flags.length === outcome.flags.length && flags.every((flag, i) => flag === outcome.flags[i]);
    return same ? [] : [{ id: outcome.id, flags }];
  });
  return {
    outcome: event,
    trace,
    expectedTraceRevision: previous.revision,
    aggregateDeltas: aggregateDeltas(previous, trace),
    ...(reflagged.length > 0 ? { reflagged } : {}),
  };
}

/**
 * Read the trace (or take the state this recorder wrote last), fold the outcome in,
 * compare-and-set; re-read when another writer won. An
 * outcome in time order is folded onto the stored state; a late one re-folds the whole trace
 * from its stored outcomes, so the state never depends on the order outcomes arrived in. The
 * compare-and-set on the trace revision also guards the outcomes read for a re-fold: every
 * outcome written to the trace moves its revision.
 */
export async function commitOutcome(
  { store, traces, clock, unknownTraces, deflectionWindowMs, maxAttempts }: CommitSettings,
  outcome: ParsedOutcomeInput & { id: string },
  given: ParsedOutcomeInput,
  abortSignal: AbortSignal | undefined,
): Promise<RecordResult> {
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    throwIfAborted(abortSignal);
    const guess = attempt === 1 ? guessTrace(traces, outcome.traceId, outcome.type) : null;
    const previous =
      guess === null ? await store.getTrace(outcome.traceId, { abortSignal }) : guess;
    const unknown = !previous?.known && !originOutcomeTypes.has(outcome.type);
    if (unknown && unknownTraces === 'reject') {
      throw new UnknownTraceError({ traceId: outcome.traceId, outcomeType: outcome.type });
    }
    const event = completeOutcome(outcome, previous, clock);
    let commit: OutcomeCommit | undefined;
    if (previous && needsRefold(previous, event)) {
      const stored = await readAllPages((cursor) =>
        store.listOutcomes(
          { traceId: event.traceId, limit: maxPageLimit, ...(cursor ? { cursor } : {}) },
          { abortSignal },
        ),
      );
      // A resend of a stored outcome: the plain commit below reports the duplicate.
      if (!stored.some((existing) => existing.id === event.id)) {
        commit = refoldCommit(previous, stored, event, deflectionWindowMs);
      }
    }
    if (!commit) {
      const { trace, flags } = applyOutcome(previous, event, { deflectionWindowMs });
      event.flags = withUnknownTraceFlag(event, trace, flags);
      commit = {
        outcome: event,
        trace,
        expectedTraceRevision: previous?.revision ?? null,
        aggregateDeltas: aggregateDeltas(previous, trace),
      };
    }
    const result = await store.commitOutcome(commit, { abortSignal });
    if (result.status === 'recorded') traces.set(commit.trace);
    else traces.delete(outcome.traceId);
    if (result.status === 'recorded') return result;
    if (result.status === 'duplicate') {
      const fields = conflictingFields(result.outcome, given);
      if (fields.length > 0) throw new OutcomeConflictError({ outcomeId: outcome.id, fields });
      return result;
    }
  }
  throw new ConcurrentUpdateError({ record: `trace '${outcome.traceId}'`, attempts: maxAttempts });
}
