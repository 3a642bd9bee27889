import {
  type Clock,
  type IdGenerator,
  parseInput,
  randomIdGenerator,
  systemClock,
} from '@guardloop/core';
import {
  abortOptionsSchema,
  clockSchema,
  idGeneratorSchema,
  throwIfAborted,
} from '@guardloop/core/internal';
import { z } from 'zod';
import { feedbackStoreSchema } from '../schemas/dependency-schemas';
import type { StoredOutcome } from '../schemas/outcome-event';
import { type OutcomeInput, parseOutcomeInput } from '../schemas/outcome-input';
import type { FeedbackCallOptions, FeedbackStore } from '../store/feedback-store';
import { commitOutcome } from './commit-outcome';
import { createKeyedQueue } from './keyed-queue';
import { type ParsedBatch, registerParsedBatches } from './parsed-batches';
import { recordMany } from './record-many';
import { createTraceCache } from './trace-cache';

const inputsSchema = z.array(z.unknown()).readonly();

const optionsSchema = z.object({
  store: feedbackStoreSchema,
  clock: clockSchema.optional(),
  idGenerator: idGeneratorSchema.optional(),
  unknownTraces: z.enum(['flag', 'reject']).optional(),
  deflectionWindowMs: z.number().int().positive().optional(),
  maxAttempts: z.number().int().positive().optional(),
});

export interface OutcomeRecorderOptions {
  store: FeedbackStore;
  clock?: Clock;
  idGenerator?: IdGenerator;
  /** What to do with a follow-up outcome on a trace nothing started: keep it flagged (default) or throw. */
  unknownTraces?: 'flag' | 'reject';
  /** "Not back within N hours" for deflection quality. Default 72 hours. */
  deflectionWindowMs?: number;
  /** Compare-and-set attempts under concurrent writes to one trace. Default 8. */
  maxAttempts?: number;
}

export interface RecordResult {
  /** `duplicate`: an outcome with this id was already recorded with the same content. */
  status: 'recorded' | 'duplicate';
  outcome: StoredOutcome;
}

export interface OutcomeRecorder {
  /**
   * Validates and records one outcome, updating its trace and the KPI aggregates in one commit.
   * @throws InvalidOutcomeError (`invalid_outcome`) when the event is malformed
   * @throws OutcomeConflictError (`outcome_conflict`) when the id was used for a different event
   * @throws UnknownTraceError (`unknown_trace`) in `unknownTraces: 'reject'` mode
   * @throws ConcurrentUpdateError (`concurrent_update`, retryable) after `maxAttempts` conflicts
   * @throws the abort reason when aborted
   */
  record(input: OutcomeInput, options?: FeedbackCallOptions): Promise<RecordResult>;
  /**
   * Records many outcomes in as few store writes as there are: one `getTraces` and one
   * `commitOutcomes` per 1000 outcomes when nothing races (each trace's outcomes folded in time
   * order); results in the order given, the same as `record` of each would give. Every input is
   * validated before anything is written. Throws what `record` throws; outcomes of other
   * traces may have been recorded by then (recording again is idempotent).
   */
  recordMany(
    inputs: readonly OutcomeInput[],
    options?: FeedbackCallOptions,
  ): Promise<RecordResult[]>;
  readonly store: FeedbackStore;
  readonly clock: Clock;
}

/** Records outcomes against the trace of the decision that caused them. */
export function createOutcomeRecorder(options: OutcomeRecorderOptions): OutcomeRecorder {
  const {
    store,
    clock = systemClock,
    idGenerator = randomIdGenerator,
    unknownTraces = 'flag',
    deflectionWindowMs = 72 * 3_600_000,
    maxAttempts = 8,
  } = parseInput(optionsSchema, options, 'outcome recorder options');

  const queue = createKeyedQueue();
  const traces = createTraceCache();
  const settings = { store, traces, clock, unknownTraces, deflectionWindowMs, maxAttempts };

  const recordParsed = (batch: ParsedBatch, abortSignal: AbortSignal | undefined) => {
    const entries = batch.map((outcome) => ({ outcome, given: outcome }));
    const traceIds = [...new Set(batch.map((outcome) => outcome.traceId))];
    return queue.runAll(traceIds, () => recordMany(settings, entries, abortSignal));
  };

  const recorder: OutcomeRecorder = {
    store,
    clock,
    async record(input, recordOptions) {
      const { abortSignal } = parseInput(abortOptionsSchema, recordOptions, 'record options') ?? {};
      throwIfAborted(abortSignal);
      const parsed = parseOutcomeInput(input);
      const withId = { ...parsed, id: parsed.id ?? idGenerator() };
      return queue.run(withId.traceId, () => commitOutcome(settings, withId, parsed, abortSignal));
    },
    async recordMany(inputs, recordOptions) {
      const { abortSignal } = parseInput(abortOptionsSchema, recordOptions, 'record options') ?? {};
      const list = parseInput(inputsSchema, inputs, 'recordMany inputs');
      throwIfAborted(abortSignal);
      const entries = list.map((input) => {
        const given = parseOutcomeInput(input);
        return { outcome: { ...given, id: given.id ?? idGenerator() }, given };
      });
      const traceIds = [...new Set(entries.map((entry) => entry.outcome.traceId))];
      return queue.runAll(traceIds, () => recordMany(settings, entries, abortSignal));
    },
  };
  registerParsedBatches(recorder, recordParsed);
  return recorder;
}
