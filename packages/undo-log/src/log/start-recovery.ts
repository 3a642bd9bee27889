import { parseInput } from '@guardloop/core';
import { abortSignalSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import { type RecoverResult, type RecoveryPolicy, recover, recoverOptionsSchema } from './recover';
import type { UndoLogRuntime } from './undo-log-runtime';

export interface StartRecoveryOptions {
  /** Pause between the end of one round and the start of the next (ms, on the log's clock). */
  intervalMs: number;
  policy?: RecoveryPolicy;
  /** Most records claimed per round. */
  limit?: number;
  /** Called with what a round threw (a store outage...). The loop carries on regardless. */
  onError: (error: unknown) => void;
  /** Called with the result of every round that did not throw. */
  onRound?: (result: RecoverResult) => void;
  /** Aborting stops the loop and the round in flight (its claimed records are retried later). */
  abortSignal?: AbortSignal;
}

export interface RecoveryLoop {
  /** Starts no further round; resolves once the round in flight, if any, has ended. */
  stop(): Promise<void>;
}

const callback = z.custom<(value: never) => unknown>((value) => typeof value === 'function', {
  message: 'Expected a function',
});
const startRecoveryOptionsSchema = z.object({
  intervalMs: z.int().positive(),
  policy: recoverOptionsSchema.shape.policy.unwrap().optional(),
  limit: recoverOptionsSchema.shape.limit.unwrap().optional(),
  onError: callback,
  onRound: callback.optional(),
  abortSignal: abortSignalSchema.optional(),
});

/**
 * `UndoLog.startRecovery`: runs `recover()` now and then every `intervalMs` after the previous
 * round ended, so rounds never overlap. A host must keep recovering: a process that restarts
 * within `leaseMs` finds its old records not yet expired, so only a later round resolves them.
 */
export function startRecovery(
  runtime: UndoLogRuntime,
  rawOptions: StartRecoveryOptions,
): RecoveryLoop {
  const options = parseInput(startRecoveryOptionsSchema, rawOptions, 'recovery loop options');
  const { intervalMs, abortSignal, onError } = rawOptions;
  let stopped = false;
  let cancelTimer: (() => void) | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const report = (error: unknown) => {
    try {
      onError(error);
    } catch {
      // The host's error handler failed: nothing is left to tell, and the loop must go on.
    }
  };
  const round = async (): Promise<() => void> => {
    try {
      const result = await recover(runtime, {
        ...(options.policy ? { policy: options.policy } : {}),
        ...(options.limit ? { limit: options.limit } : {}),
        ...(abortSignal ? { abortSignal } : {}),
      });
      return () => {
        try {
          rawOptions.onRound?.(result);
        } catch (error) {
          report(error);
        }
      };
    } catch (error) {
      return () => {
        if (!abortSignal?.aborted) report(error);
      };
    }
  };
  const run = () => {
    cancelTimer = undefined;
    inFlight = round().then((tell) => {
      // The next round is scheduled before the host hears of this one, so that whatever it
      // does on hearing (advance a test clock, stop the loop) sees a consistent loop.
      if (!stopped) cancelTimer = runtime.clock.setTimer(intervalMs, run);
      tell();
    });
  };
  const stop = () => {
    stopped = true;
    cancelTimer?.();
    cancelTimer = undefined;
    abortSignal?.removeEventListener('abort', stop);
    return inFlight;
  };

  if (abortSignal?.aborted) stopped = true;
  else {
    abortSignal?.addEventListener('abort', stop, { once: true });
    run();
  }
  return { stop };
}
