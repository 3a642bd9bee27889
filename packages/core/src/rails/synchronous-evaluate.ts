import type { RailVerdict } from '../schemas/rail-verdict';
import type { RailContext, RailEvaluateOptions } from './rail';

/** A rail's evaluation that may answer at once: a verdict, or a promise when it has to wait. */
export type SynchronousEvaluate<Context extends RailContext = RailContext> = (
  context: Context,
  options: RailEvaluateOptions,
) => RailVerdict | Promise<RailVerdict>;

// Kept on the `evaluate` function, not on the rail: a host that replaces `evaluate` (a wrapper,
// `{ ...rail, evaluate }`) drops it with the function, and its own code is what runs.
const synchronous = Symbol.for('guardloop.rail.synchronousEvaluate');

/**
 * A rail's `evaluate` built from `judge`, a function that answers without waiting when it can.
 * Callers of `evaluate` always get a promise, as from any `async` function (what `judge` throws
 * becomes a rejection). `evaluateRails` calls `judge` itself: a plain verdict then costs no
 * promise, no watcher and no hop before the next rail, a third of a rail's time in the loop.
 */
export function evaluateWith<Context extends RailContext>(
  judge: SynchronousEvaluate<Context>,
): (context: Context, options: RailEvaluateOptions) => Promise<RailVerdict> {
  const evaluate = (context: Context, options: RailEvaluateOptions): Promise<RailVerdict> => {
    try {
      return Promise.resolve(judge(context, options));
    } catch (error) {
      return Promise.reject(error);
    }
  };
  Object.defineProperty(evaluate, synchronous, { value: judge });
  return evaluate;
}

/** The `judge` of an `evaluate` built by `evaluateWith`, else undefined. @throws what a proxy trap throws */
export function synchronousEvaluateOf(evaluate: unknown): SynchronousEvaluate<never> | undefined {
  if (typeof evaluate !== 'function') return undefined;
  const judge = (evaluate as unknown as Record<symbol, unknown>)[synchronous];
  return typeof judge === 'function' ? (judge as SynchronousEvaluate<never>) : undefined;
}
