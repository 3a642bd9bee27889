import type { Rail, RailContext } from '@guardloop/core';
import { type SynchronousEvaluate, synchronousEvaluateOf } from '@guardloop/core/internal';

/**
 * The synchronous judge behind `rail.evaluate` (built with `evaluateWith` of
 * `@guardloop/core/internal`), else undefined. The rail engine calls the judge instead of
 * `evaluate`, so a plain verdict costs no promise; a wrapper that reads it keeps that fast path.
 */
export function judgeOf<Context extends RailContext>(
  rail: Rail<Context>,
): SynchronousEvaluate<Context> | undefined {
  try {
    return synchronousEvaluateOf(rail.evaluate) as SynchronousEvaluate<Context> | undefined;
  } catch {
    // A proxy that throws: the rail is called through its `evaluate`, as written.
    return undefined;
  }
}
