import { type LoopEvent, parseInput } from '@guardloop/core';
import { abortOptionsSchema, raceAbort } from '@guardloop/core/internal';
import { z } from 'zod';
import {
  type LoopEventFailure,
  LoopEventRecordingError,
} from '../errors/loop-event-recording-error';
import type { FeedbackCallOptions } from '../store/feedback-store';
import type { OutcomeRecorder, RecordResult } from './create-outcome-recorder';
import { createLoopEventObserver } from './loop-event-outcome';
import { defaultLoopSegment, type LoopSegment, type LoopSegmentContext } from './loop-segment';

const callable = <Fn>(message: string) =>
  z.custom<Fn>((value) => typeof value === 'function', message);

const optionsSchema = z.object({
  recorder: z.custom<OutcomeRecorder>(
    (value) => typeof (value as OutcomeRecorder | undefined)?.record === 'function',
    'Expected an OutcomeRecorder (createOutcomeRecorder())',
  ),
  segment: callable<(context: LoopSegmentContext) => LoopSegment>('Expected a function').optional(),
  onError: callable<(failure: LoopEventFailure) => void>('Expected a function').optional(),
  maxPendingTraces: z.number().int().positive().optional(),
});

const loopEventSchema = z.looseObject({
  type: z.string().min(1),
  traceId: z.string().min(1),
  at: z.number().int().nonnegative(),
});

export interface LoopEventRecorderOptions {
  recorder: OutcomeRecorder;
  /** Segment and ticket of a trace. Default: `defaultLoopSegment`. */
  segment?: (context: LoopSegmentContext) => LoopSegment;
  /** Receives background failures of `onEvent`; without it they are kept until `flush()`. */
  onError?: (failure: LoopEventFailure) => void;
  /** Traces whose run has not ended, remembered for their segment. Default 10 000. */
  maxPendingTraces?: number;
}

export interface LoopEventRecorder {
  /** Pass as `createLoop({ onEvent })`: records in the background, in order, never throws. */
  onEvent: (event: LoopEvent) => void;
  /**
   * Records the outcome a loop event implies (`decision.made` -> decision, `loop.escalated` ->
   * escalated); other events only feed the segment and resolve to `undefined`.
   * @throws InvalidInputError (`invalid_input`) for a malformed event; the recorder's errors otherwise
   */
  recordLoopEvent(
    event: LoopEvent,
    options?: FeedbackCallOptions,
  ): Promise<RecordResult | undefined>;
  /**
   * Waits for the background writes of `onEvent`.
   * @throws LoopEventRecordingError (`loop_event_recording_failed`) listing failures not given to `onError`
   * @throws the abort reason when aborted (the writes go on)
   */
  flush(options?: FeedbackCallOptions): Promise<void>;
}

/** Records decisions and escalations of a loop against their trace automatically. */
export function createLoopEventRecorder(options: LoopEventRecorderOptions): LoopEventRecorder {
  const {
    recorder,
    segment = defaultLoopSegment,
    onError,
    maxPendingTraces = 10_000,
  } = parseInput(optionsSchema, options, 'loop event recorder options');
  const observe = createLoopEventObserver({ segment, maxPendingTraces });
  const failures: LoopEventFailure[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  const observeValid = (event: unknown) =>
    observe(parseInput(loopEventSchema, event, 'loop event') as LoopEvent);

  return {
    onEvent(event) {
      const fail = (error: unknown) => {
        const failure = { traceId: String(event?.traceId), eventType: String(event?.type), error };
        if (onError) onError(failure);
        else failures.push(failure);
      };
      try {
        const outcome = observeValid(event);
        // Serial: the outcomes of one trace must reach the store in the order the loop emitted them.
        if (outcome) queue = queue.then(() => recorder.record(outcome)).catch(fail);
      } catch (error) {
        fail(error);
      }
    },
    async recordLoopEvent(event, storeOptions) {
      const { abortSignal } = parseInput(abortOptionsSchema, storeOptions, 'record options') ?? {};
      const outcome = observeValid(event);
      return outcome ? recorder.record(outcome, { abortSignal }) : undefined;
    },
    async flush(storeOptions) {
      const { abortSignal } = parseInput(abortOptionsSchema, storeOptions, 'flush options') ?? {};
      await raceAbort(queue, abortSignal);
      if (failures.length > 0) throw new LoopEventRecordingError({ failures: failures.splice(0) });
    },
  };
}
