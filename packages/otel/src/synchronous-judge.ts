import type { Rail, RailContext } from '@guardloop/core';
import type { SynchronousEvaluate } from '@guardloop/core/internal';

// Where `evaluateWith` of @guardloop/core/internal keeps a rail's synchronous judge (a registry
// symbol, so every copy of core agrees). The rail engine calls the judge instead of `evaluate`: a
// plain verdict then costs no promise. A wrapper that reads it keeps that fast path.
const synchronousEvaluate = Symbol.for('guardloop.rail.synchronousEvaluate');

/** The synchronous judge behind `rail.evaluate` (built with `evaluateWith`), else undefined. */
export function judgeOf<Context extends RailContext>(
  rail: Rail<Context>,
): SynchronousEvaluate<Context> | undefined {
  try {
    const judge = (rail.evaluate as unknown as Record<symbol, unknown>)[synchronousEvaluate];
    return typeof judge === 'function' ? (judge as SynchronousEvaluate<Context>) : undefined;
  } catch {
    // A proxy that throws: the rail is called through its `evaluate`, as written.
    return undefined;
  }
}
