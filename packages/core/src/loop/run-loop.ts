import { raceAbort } from '../utils/abort';
import type { LoopContext, LoopStateName, LoopStepSource, LoopTransition } from './loop-states';
import { failedAt, loopStates } from './loop-states';
import type { LoopEvent } from './loop-types';

/** Each step as the runner calls it: validated output, or a rejection. */
export type LoopStepImplementations = Record<
  LoopStepSource,
  (input: never, options: { abortSignal: AbortSignal }) => Promise<unknown>
>;

export interface LoopRun {
  state: LoopStateName;
  context: LoopContext;
}

export interface RunLoopOptions {
  steps: LoopStepImplementations;
  emit: (event: LoopEvent) => void;
  abortSignal?: AbortSignal | undefined;
  /** Enter `run.state` (emitting its entry event); false for a run restored where it waited. */
  enter: boolean;
  /** A human decision for a run waiting in `awaiting_human`. */
  decision?: unknown;
}

// Steps of a run nobody can cancel get a signal that never aborts, as a stopped actor's would.
const neverAborted = new AbortController().signal;

/**
 * Runs the loop's state table (`loopStates`) as a plain async loop, with no actor, until a final
 * state or `awaiting_human`. The xstate machine is built from the same table.
 * @throws the abort reason when aborted while a step runs
 */
export async function runLoop(run: LoopRun, options: RunLoopOptions): Promise<LoopRun> {
  const { steps, emit, abortSignal } = options;
  const stepSignal = abortSignal ?? neverAborted;
  let { state, context } = run;
  let decision = options.decision;
  if (options.enter) {
    const entry = loopStates[state].entry;
    if (entry) emit(entry(context));
  }
  for (;;) {
    const definition = loopStates[state];
    let next: LoopTransition | undefined;
    if (definition.always) {
      next = definition.always(context);
    } else if (definition.invoke) {
      const { src, step, input, done } = definition.invoke;
      let output: unknown;
      let failure: { error: unknown } | undefined;
      try {
        const pending = steps[src](input(context) as never, { abortSignal: stepSignal });
        output = await (abortSignal ? raceAbort(pending, abortSignal) : pending);
      } catch (error) {
        if (abortSignal?.aborted) throw abortSignal.reason;
        failure = { error };
      }
      next = failure ? failedAt(context, step, failure.error) : done(context, output as never);
    } else if (definition.decided && decision !== undefined) {
      next = definition.decided(context, decision);
      decision = undefined;
    }
    // A final state, or waiting for a (valid) human decision.
    if (next === undefined) return { state, context };
    context = next.context;
    if (next.event) emit(next.event);
    state = next.target;
    const entry = loopStates[state].entry;
    if (entry) emit(entry(context));
  }
}
