import type { RailEvaluateOptions } from '@guardloop/core';
import { onRailEvaluationAborted, throwIfAborted } from '@guardloop/core/internal';

export interface TakeForVerdictOptions<Taken> {
  /** The rail's options (`evaluate`'s second argument), as they came: not spread or copied. */
  railOptions: RailEvaluateOptions;
  /**
   * Takes from a counter with `abortSignal`: either rejects, having taken nothing (the `CounterStore`
   * and `CostMeter` guarantee for an aborted write), or resolves with what it did.
   */
  take: (abortSignal: AbortSignal) => Promise<Taken>;
  /** Whether `take` took anything; a refused take has nothing to give back. */
  applied: (taken: Taken) => boolean;
  /** Gives back what was taken. Called at most once, without the signal: it must finish. */
  giveBack: (taken: Taken) => unknown;
  /** Told when `giveBack` fails; the counter then keeps what was taken. */
  onGiveBackError: (error: unknown, taken: Taken) => void;
}

/**
 * The one way the economic rails hold what they take (a cost charge, a rate-limit slot) for a
 * verdict the engine may still drop. `evaluateRails` gives each rail evaluation its own signal and
 * aborts it only while it waits for that rail's verdict (another rail denied first, the caller
 * gave up, the rail timed out), and then drops the verdict; once it has the verdict it never
 * aborts the signal. So:
 * - aborted before the take resolved with something taken (the write was already on its way):
 *   gives it back and rejects with the abort reason, as if nothing was taken, for any caller;
 * - under the engine, aborted later, even after the rail answered (the engine had not read the
 *   verdict yet): gives it back then, through `onRailEvaluationAborted` (no listener, no
 *   AbortController). A direct caller's signal gets no listener: it may be one long-lived signal
 *   (a process shutdown) whose abort says nothing about verdicts already returned, and a listener
 *   per call would pile up on it.
 * A failed give-back goes to `onGiveBackError`, never to an unhandled rejection.
 */
export async function takeForVerdict<Taken>({
  railOptions,
  take,
  applied,
  giveBack,
  onGiveBackError,
}: TakeForVerdictOptions<Taken>): Promise<Taken> {
  // Read once, where the rail awaits: under the engine the signal is created on first read.
  const abortSignal = railOptions.abortSignal;
  const taken = await take(abortSignal);
  if (!applied(taken)) return taken;
  const release = releaseOnce(taken, giveBack, onGiveBackError);
  if (abortSignal.aborted) {
    await release();
    throwIfAborted(abortSignal);
  }
  onRailEvaluationAborted(railOptions, () => void release());
  return taken;
}

/**
 * `takeForVerdict` for a take that answers at once (the in-memory counters): nothing is on its
 * way, so the only abort left to heed is the engine dropping the verdict later (a host's wrapper
 * around the rail may still be awaiting when another rail denies). Check the signal before.
 */
export function takeForVerdictNow<Taken>({
  railOptions,
  take,
  applied,
  giveBack,
  onGiveBackError,
}: Omit<TakeForVerdictOptions<Taken>, 'take'> & { take: () => Taken }): Taken {
  const taken = take();
  if (applied(taken)) {
    const release = releaseOnce(taken, giveBack, onGiveBackError);
    onRailEvaluationAborted(railOptions, () => void release());
  }
  return taken;
}

/** Gives back once; a failure goes to `onGiveBackError`, never to an unhandled rejection. */
function releaseOnce<Taken>(
  taken: Taken,
  giveBack: (taken: Taken) => unknown,
  onGiveBackError: (error: unknown, taken: Taken) => void,
): () => Promise<void> {
  let given = false;
  return async () => {
    if (given) return;
    given = true;
    try {
      await giveBack(taken);
    } catch (error) {
      try {
        onGiveBackError(error, taken);
      } catch {
        // A reporter that throws must not turn into an unhandled rejection: it was told.
      }
    }
  };
}
