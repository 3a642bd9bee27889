import {
  createManualClock,
  evaluateRails,
  type Rail,
  type RailContext,
  type RailVerdict,
} from '@guardloop/core';

export interface AnsweredUnderEngine {
  /** What the rail answered; the engine has not read it yet. */
  verdict: RailVerdict;
  /** The caller gives up before the engine reads the verdict: the engine drops it. */
  drop(reason?: unknown): Promise<void>;
}

/**
 * Evaluates `rail` under `evaluateRails` and holds its answer back from the engine, the way a
 * verdict sits between the rail answering and the engine reading it. `drop` then makes the engine
 * abort the evaluation and drop the verdict: the only case where a late abort reaches a rail that
 * has answered (a direct caller's signal never gives anything back).
 */
export async function answeredUnderEngine(
  rail: Rail,
  context: RailContext,
): Promise<AnsweredUnderEngine> {
  const caller = new AbortController();
  let answered = (_verdict: RailVerdict) => {};
  let failed = (_error: unknown) => {};
  const verdict = new Promise<RailVerdict>((resolve, reject) => {
    answered = resolve;
    failed = reject;
  });
  const holder: Rail = {
    name: rail.name,
    kind: rail.kind,
    async evaluate(input, options) {
      try {
        answered(await rail.evaluate(input, options));
      } catch (error) {
        failed(error);
      }
      return new Promise<RailVerdict>(() => {});
    },
  };
  // A manual clock: the held verdict never times out.
  const decided = evaluateRails([holder], context, {
    abortSignal: caller.signal,
    clock: createManualClock(0),
  }).catch(() => undefined);
  return {
    verdict: await verdict,
    async drop(reason = new Error('Denied by rail policy.')) {
      caller.abort(reason);
      await decided;
    },
  };
}
