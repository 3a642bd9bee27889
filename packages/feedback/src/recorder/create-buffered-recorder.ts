import { type Clock, type IdGenerator, parseInput, randomIdGenerator } from '@guardloop/core';
import { abortOptionsSchema, clockSchema, idGeneratorSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import { OutcomeNotRecordedError } from '../errors/outcome-not-recorded-error';
import {
  type OutcomeInput,
  type ParsedOutcomeInput,
  parseOutcomeInput,
} from '../schemas/outcome-input';
import type { FeedbackCallOptions } from '../store/feedback-store';
import type { OutcomeRecorder, RecordResult } from './create-outcome-recorder';
import { parsedBatchesOf } from './parsed-batches';

const optionsSchema = z.object({
  recorder: z.custom<OutcomeRecorder>(
    (value) => typeof (value as OutcomeRecorder | undefined)?.recordMany === 'function',
    'Expected an OutcomeRecorder (createOutcomeRecorder())',
  ),
  maxOutcomes: z.number().int().positive().max(100_000).optional(),
  maxWaitMs: z.number().int().nonnegative().optional(),
  clock: clockSchema.optional(),
  idGenerator: idGeneratorSchema.optional(),
});

export interface BufferedRecorderOptions {
  recorder: OutcomeRecorder;
  /** A flush starts once this many outcomes wait. Default 500. */
  maxOutcomes?: number;
  /** A flush starts once the oldest waiting outcome has waited this long. Default 1000 ms. */
  maxWaitMs?: number;
  /** Times `maxWaitMs`. Default: the recorder's clock. */
  clock?: Clock;
  /** Ids for outcomes given without one, assigned when queued. */
  idGenerator?: IdGenerator;
}

export interface BufferedRecorder {
  /**
   * Validates and queues one outcome (an id is assigned now when it has none). Resolves once
   * the flush that carries it committed: an outcome is acknowledged only then. Rejects with
   * `OutcomeNotRecordedError` (with its id) when that flush failed or the recorder is closed,
   * and with the abort reason when aborted while still queued (once its flush started, the
   * abort is ignored and the promise settles with the flush).
   * @throws InvalidOutcomeError (`invalid_outcome`) when the event is malformed, before queueing
   */
  record(input: OutcomeInput, options?: FeedbackCallOptions): Promise<RecordResult>;
  /**
   * Sends everything queued (one `recordMany`, after the flushes already running) and resolves
   * once it committed.
   * @throws OutcomeNotRecordedError (`outcome_not_recorded`) listing the outcomes not acknowledged
   * @throws the abort reason when aborted before the flush started; once it started the abort
   *   goes to `recordMany`, and what it did not commit is not acknowledged
   */
  flush(options?: FeedbackCallOptions): Promise<void>;
  /** Stops taking outcomes (later `record` calls reject) and flushes what is queued. */
  close(options?: FeedbackCallOptions): Promise<void>;
  /** Outcomes queued and not yet in a flush. */
  readonly queued: number;
}

interface Entry {
  input: ParsedOutcomeInput & { id: string };
  resolve(result: RecordResult): void;
  reject(error: unknown): void;
  detach(): void;
}

/**
 * A recorder that folds outcomes arriving one by one into `recordMany` batches: one statement
 * for many outcomes and traces on a PostgreSQL store instead of one or two per outcome.
 * Flushes on size (`maxOutcomes`), on time (`maxWaitMs` after the oldest queued outcome) and on
 * `flush()` / `close()`. Flushes run one after the other, in the order outcomes were queued.
 * Nothing acknowledged is lost; an outcome whose flush failed is rejected with its id, and
 * recording it again with that id never counts it twice.
 */
export function createBufferedRecorder(options: BufferedRecorderOptions): BufferedRecorder {
  const parsed = parseInput(optionsSchema, options, 'buffered recorder options');
  const { recorder, maxOutcomes = 500, maxWaitMs = 1000 } = parsed;
  const clock = parsed.clock ?? recorder.clock;
  const idGenerator = parsed.idGenerator ?? randomIdGenerator;
  // A recorder of `createOutcomeRecorder` takes the outcomes as validated here; any other
  // implementation gets them through its `recordMany`.
  const recordParsed = parsedBatchesOf(recorder);
  const recordBatch = (batch: Entry[], abortSignal: AbortSignal | undefined) => {
    const outcomes = batch.map((entry) => entry.input);
    if (recordParsed) return recordParsed(outcomes, abortSignal);
    return recorder.recordMany(
      outcomes as OutcomeInput[],
      abortSignal ? { abortSignal } : undefined,
    );
  };
  let queue: Entry[] = [];
  let cancelTimer: (() => void) | undefined;
  let running: Promise<void> = Promise.resolve();
  let closed = false;

  const send = async (batch: Entry[], abortSignal: AbortSignal | undefined) => {
    if (batch.length === 0) return;
    let results: RecordResult[];
    try {
      results = await recordBatch(batch, abortSignal);
    } catch (cause) {
      for (const entry of batch) {
        entry.reject(
          new OutcomeNotRecordedError({
            outcomeIds: [entry.input.id],
            reason: 'flush_failed',
            cause,
          }),
        );
      }
      throw new OutcomeNotRecordedError({
        outcomeIds: batch.map((entry) => entry.input.id),
        reason: 'flush_failed',
        cause,
      });
    }
    batch.forEach((entry, index) => {
      entry.resolve(results[index] as RecordResult);
    });
  };

  /** Takes the queue into a flush that runs after the ones already started. */
  const startFlush = (abortSignal?: AbortSignal) => {
    cancelTimer?.();
    cancelTimer = undefined;
    const batch = queue;
    queue = [];
    for (const entry of batch) entry.detach();
    const flush = running.then(() => send(batch, abortSignal));
    running = flush.catch(() => {}); // each flush's failure goes to its own callers
    return flush;
  };
  const startInBackground = () => {
    startFlush().catch(() => {}); // its outcomes' promises carry the failure
  };

  return {
    get queued() {
      return queue.length;
    },
    async record(input, recordOptions) {
      const { abortSignal } = parseInput(abortOptionsSchema, recordOptions, 'record options') ?? {};
      const given = parseOutcomeInput(input);
      const id = given.id ?? idGenerator();
      if (closed) throw new OutcomeNotRecordedError({ outcomeIds: [id], reason: 'closed' });
      abortSignal?.throwIfAborted();
      return new Promise<RecordResult>((resolve, reject) => {
        const onAbort = () => {
          // Still queued (a flush detaches its entries first): it leaves the queue unsent.
          queue = queue.filter((queued) => queued !== entry);
          if (queue.length === 0) {
            cancelTimer?.();
            cancelTimer = undefined;
          }
          reject(abortSignal?.reason);
        };
        const entry: Entry = {
          // The validated copy: later changes to the caller's object do not reach the flush.
          input: { ...given, id },
          resolve,
          reject,
          detach: () => abortSignal?.removeEventListener('abort', onAbort),
        };
        abortSignal?.addEventListener('abort', onAbort, { once: true });
        queue.push(entry);
        if (queue.length >= maxOutcomes) startInBackground();
        else cancelTimer ??= clock.setTimer(maxWaitMs, startInBackground);
      });
    },
    async flush(flushOptions) {
      const { abortSignal } = parseInput(abortOptionsSchema, flushOptions, 'flush options') ?? {};
      abortSignal?.throwIfAborted();
      await startFlush(abortSignal);
    },
    async close(closeOptions) {
      const { abortSignal } = parseInput(abortOptionsSchema, closeOptions, 'close options') ?? {};
      closed = true;
      abortSignal?.throwIfAborted();
      await startFlush(abortSignal);
    },
  };
}
