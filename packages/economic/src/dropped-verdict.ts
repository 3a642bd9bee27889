import type { RailEvaluateOptions } from '@guardloop/core';
import { onRailEvaluationAborted, throwIfAborted } from '@guardloop/core/internal';

/**
 * How a rail gives back what it took, told what the take concerned (`about`: the rate-limit
 * slot), so one object per rail serves every decision.
 */
export interface Holding<Taken, About = undefined> {
  /** Whether the take took anything; a refused take has nothing to give back. */
  applied: (taken: Taken) => boolean;
  /** Gives back what was taken. Called at most once, without the signal: it must finish. */
  giveBack: (taken: Taken, about: About) => unknown;
  /** Told when `giveBack` fails; the counter then keeps what was taken. */
  onGiveBackError: (error: unknown, taken: Taken, about: About) => void;
}

export interface TakeForVerdictOptions<Taken, About = undefined> extends Holding<Taken, About> {
  /** The rail's options (`evaluate`'s second argument), as they came: not spread or copied. */
  railOptions: RailEvaluateOptions;
  /**
   * Takes from a counter with `abortSignal`: either rejects, having taken nothing (the `CounterStore`
   * and `CostMeter` guarantee for an aborted write), or resolves with what it did.
   */
  take: (abortSignal: AbortSignal) => Promise<Taken>;
  /** Passed to `giveBack` and `onGiveBackError`. */
  about?: About;
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
export async function takeForVerdict<Taken, About = undefined>({
  railOptions,
  take,
  applied,
  giveBack,
  onGiveBackError,
  about,
}: TakeForVerdictOptions<Taken, About>): Promise<Taken> {
  // Read once, where the rail awaits: under the engine the signal is created on first read.
  const abortSignal = railOptions.abortSignal;
  const taken = await take(abortSignal);
  if (!applied(taken)) return taken;
  const release = releaseOnce(taken, about as About, giveBack, onGiveBackError);
  if (abortSignal.aborted) {
    await release();
    throwIfAborted(abortSignal);
  }
  onRailEvaluationAborted(railOptions, () => void release());
  return taken;
}

/**
 * `takeForVerdict` for what was taken at once (the in-memory counters): nothing is on its way,
 * so the only abort left to heed is the engine dropping the verdict later (a host's wrapper
 * around the rail may still be awaiting when another rail denies). Check the signal before
 * taking. Returns `taken`.
 */
export function holdForVerdict<Taken, About>(
  railOptions: RailEvaluateOptions,
  taken: Taken,
  holding: Holding<Taken, About>,
  about: About,
): Taken {
  if (holding.applied(taken)) {
    // One closure per take held; the holding itself is built once per rail.
    const release = releaseOnce(taken, about, holding.giveBack, holding.onGiveBackError);
    // `release` never rejects: its promise is left to itself.
    onRailEvaluationAborted(railOptions, release);
  }
  return taken;
}

/** Gives back once; a failure goes to `onGiveBackError`, never to an unhandled rejection. */
function releaseOnce<Taken, About>(
  taken: Taken,
  about: About,
  giveBack: (taken: Taken, about: About) => unknown,
  onGiveBackError: (error: unknown, taken: Taken, about: About) => void,
): () => Promise<void> {
  let given = false;
  return async () => {
    if (given) return;
    given = true;
    try {
      await giveBack(taken, about);
    } catch (error) {
      try {
        onGiveBackError(error, taken, about);
      } catch {
        // A reporter that throws must not turn into an unhandled rejection: it was told.
      }
    }
  };
}
