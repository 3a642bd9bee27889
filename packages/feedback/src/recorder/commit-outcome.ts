import { type Clock, throwIfAborted } from '@guardloop/core';
import { ConcurrentUpdateError } from '../errors/concurrent-update-error';
import { OutcomeConflictError } from '../errors/outcome-conflict-error';
import { UnknownTraceError } from '../errors/unknown-trace-error';
import type { ParsedOutcomeInput } from '../schemas/outcome-input';
import { originOutcomeTypes } from '../schemas/outcome-payloads';
import type { FeedbackStore } from '../store/feedback-store';
import { aggregateDeltas } from './aggregate-deltas';
import { applyOutcome } from './apply-outcome';
import { completeOutcome, conflictingFields } from './complete-outcome';
import type { RecordResult } from './create-outcome-recorder';

export interface CommitSettings {
  store: FeedbackStore;
  clock: Clock;
  unknownTraces: 'flag' | 'reject';
  deflectionWindowMs: number;
  maxAttempts: number;
}

/** Read the trace, fold the outcome in, compare-and-set; re-read when another writer won. */
export async function commitOutcome(
  { store, clock, unknownTraces, deflectionWindowMs, maxAttempts }: CommitSettings,
  outcome: ParsedOutcomeInput & { id: string },
  given: ParsedOutcomeInput,
  abortSignal: AbortSignal | undefined,
): Promise<RecordResult> {
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    throwIfAborted(abortSignal);
    const previous = await store.getTrace(outcome.traceId, { abortSignal });
    const unknown = !previous?.known && !originOutcomeTypes.has(outcome.type);
    if (unknown && unknownTraces === 'reject') {
      throw new UnknownTraceError({ traceId: outcome.traceId, outcomeType: outcome.type });
    }
    const event = completeOutcome(outcome, previous, clock);
    const { trace, flags } = applyOutcome(previous, event, { deflectionWindowMs });
    event.flags = unknown ? ['unknown_trace', ...flags] : flags;
    const expectedTraceRevision = previous?.revision ?? null;
    const aggregate = aggregateDeltas(previous, trace);
    const result = await store.commitOutcome(
      { outcome: event, trace, expectedTraceRevision, aggregateDeltas: aggregate },
      { abortSignal },
    );
    if (result.status === 'recorded') return result;
    if (result.status === 'duplicate') {
      const fields = conflictingFields(result.outcome, given);
      if (fields.length > 0) throw new OutcomeConflictError({ outcomeId: outcome.id, fields });
      return result;
    }
  }
  throw new ConcurrentUpdateError({ record: `trace '${outcome.traceId}'`, attempts: maxAttempts });
}
