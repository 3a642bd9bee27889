import { throwIfAborted } from '@guardloop/core/internal';
import { ConcurrentUpdateError } from '../errors/concurrent-update-error';
import { OutcomeConflictError } from '../errors/outcome-conflict-error';
import { UnknownTraceError } from '../errors/unknown-trace-error';
import type { OutcomeEvent } from '../schemas/outcome-event';
import type { ParsedOutcomeInput } from '../schemas/outcome-input';
import { originOutcomeTypes } from '../schemas/outcome-payloads';
import type { TraceState } from '../schemas/trace-state';
import { maxBatchCommits, type OutcomeCommit } from '../store/feedback-store';
import { aggregateDeltas } from './aggregate-deltas';
import { applyOutcome } from './apply-outcome';
import { type CommitSettings, commitOutcome, guessTrace, needsRefold } from './commit-outcome';
import { completeOutcome, conflictingFields } from './complete-outcome';
import type { RecordResult } from './create-outcome-recorder';
import { withUnknownTraceFlag } from './fold-outcomes';

export interface BatchEntry {
  outcome: ParsedOutcomeInput & { id: string };
  given: ParsedOutcomeInput;
}

/** The chained commits of one trace, or `undefined` when one of them needs a re-fold. */
function chainCommits(
  { clock, unknownTraces, deflectionWindowMs }: CommitSettings,
  stored: TraceState | undefined,
  entries: readonly BatchEntry[],
): OutcomeCommit[] | undefined {
  const now = clock.now();
  // In time order (stable for equal times): each one is then the latest of its trace, as the
  // fold of the trace in time order would see it.
  const ordered = [...entries].sort((a, b) => (a.outcome.at ?? now) - (b.outcome.at ?? now));
  const commits: OutcomeCommit[] = [];
  let previous = stored;
  for (const { outcome } of ordered) {
    if (unknownTraces === 'reject' && !previous?.known && !originOutcomeTypes.has(outcome.type)) {
      throw new UnknownTraceError({ traceId: outcome.traceId, outcomeType: outcome.type });
    }
    const event: OutcomeEvent = completeOutcome(outcome, previous, clock);
    if (previous && needsRefold(previous, event)) return undefined;
    const { trace, flags } = applyOutcome(previous, event, { deflectionWindowMs });
    event.flags = withUnknownTraceFlag(event, trace, flags);
    commits.push({
      outcome: event,
      trace,
      expectedTraceRevision: previous?.revision ?? null,
      aggregateDeltas: aggregateDeltas(previous, trace),
    });
    previous = trace;
  }
  return commits;
}

/** The first entry in time order (the first given among equal times). */
const earliest = (entries: readonly BatchEntry[], now: number) =>
  entries.reduce((first, entry) =>
    (entry.outcome.at ?? now) < (first.outcome.at ?? now) ? entry : first,
  );

const groupByTrace = (entries: readonly BatchEntry[]) => {
  const groups = new Map<string, BatchEntry[]>();
  for (const entry of entries) {
    const group = groups.get(entry.outcome.traceId);
    if (group) group.push(entry);
    else groups.set(entry.outcome.traceId, [entry]);
  }
  return groups;
};

/**
 * Records at most `maxBatchCommits` outcomes with distinct ids in at most two store calls when
 * nothing races: one `getTraces` for the traces this recorder cannot guess, one `commitOutcomes`
 * (each trace's outcomes folded in time order and chained). A trace whose commit conflicts is read and folded again; one that needs a re-fold
 * (a late arrival) goes through `commitOutcome` one outcome at a time.
 */
async function recordChunk(
  settings: CommitSettings,
  entries: readonly BatchEntry[],
  abortSignal: AbortSignal | undefined,
): Promise<Map<string, RecordResult>> {
  const { store, maxAttempts } = settings;
  const results = new Map<string, RecordResult>();
  const byId = new Map(entries.map((entry) => [entry.outcome.id, entry]));
  let pending = groupByTrace(entries);
  for (let attempt = 1; attempt <= maxAttempts && pending.size > 0; attempt++) {
    throwIfAborted(abortSignal);
    const traceIds = [...pending.keys()];
    // First attempt: the states this recorder wrote last, no trace for a group that starts
    // with an origin outcome, a read for the others; after a conflict, a read for all.
    const guesses = traceIds.map((traceId) => {
      if (attempt > 1) return null;
      const first = earliest(pending.get(traceId) as BatchEntry[], settings.clock.now());
      return guessTrace(settings.traces, traceId, first.outcome.type);
    });
    const unread = traceIds.filter((_, index) => guesses[index] === null);
    const read = unread.length > 0 ? await store.getTraces(unread, { abortSignal }) : [];
    const readStates = new Map(unread.map((traceId, index) => [traceId, read[index]]));
    const stored = traceIds.map((traceId, index) =>
      guesses[index] === null
        ? readStates.get(traceId)
        : (guesses[index] as TraceState | undefined),
    );
    const commits: OutcomeCommit[] = [];
    const refolds: BatchEntry[][] = [];
    traceIds.forEach((traceId, index) => {
      const group = pending.get(traceId) as BatchEntry[];
      const chain = chainCommits(settings, stored[index], group);
      if (chain) commits.push(...chain);
      else refolds.push(group);
    });
    const outcomes = commits.length > 0 ? await store.commitOutcomes(commits, { abortSignal }) : [];
    const retry: BatchEntry[] = [];
    outcomes.forEach((result, index) => {
      const commit = commits[index] as OutcomeCommit;
      const entry = byId.get(commit.outcome.id) as BatchEntry;
      // The last commit of a trace holds its state; any other result drops the guess.
      if (result.status === 'recorded') settings.traces.set(commit.trace);
      else settings.traces.delete(commit.trace.traceId);
      if (result.status === 'conflict') {
        retry.push(entry);
        return;
      }
      if (result.status === 'duplicate') {
        const fields = conflictingFields(result.outcome, entry.given);
        if (fields.length > 0) {
          throw new OutcomeConflictError({ outcomeId: entry.outcome.id, fields });
        }
      }
      results.set(entry.outcome.id, result);
    });
    // Late arrivals re-fold their trace from its stored outcomes: one at a time, per trace.
    await Promise.all(
      refolds.map(async (group) => {
        for (const { outcome, given } of group) {
          results.set(outcome.id, await commitOutcome(settings, outcome, given, abortSignal));
        }
      }),
    );
    pending = groupByTrace(retry);
  }
  const [left] = pending.keys();
  if (left !== undefined) {
    throw new ConcurrentUpdateError({ record: `trace '${left}'`, attempts: maxAttempts });
  }
  return results;
}

/**
 * `recorder.recordMany`: chunks of `maxBatchCommits` outcomes, in order. An id given again later
 * in the same call is recorded after the chunk that holds its first use, as `record` would.
 */
export async function recordMany(
  settings: CommitSettings,
  entries: readonly BatchEntry[],
  abortSignal: AbortSignal | undefined,
): Promise<RecordResult[]> {
  const results: RecordResult[] = new Array(entries.length);
  let rest = entries.map((entry, index) => ({ entry, index }));
  while (rest.length > 0) {
    const ids = new Set<string>();
    const chunk: typeof rest = [];
    const later: typeof rest = [];
    for (const item of rest) {
      if (chunk.length < maxBatchCommits && !ids.has(item.entry.outcome.id)) {
        ids.add(item.entry.outcome.id);
        chunk.push(item);
      } else later.push(item);
    }
    const recorded = await recordChunk(
      settings,
      chunk.map((item) => item.entry),
      abortSignal,
    );
    for (const { entry, index } of chunk) {
      results[index] = recorded.get(entry.outcome.id) as RecordResult;
    }
    rest = later;
  }
  return results;
}
