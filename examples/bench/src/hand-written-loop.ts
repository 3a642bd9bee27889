import {
  actorSchema,
  createSignal,
  type Hypothesis,
  type Intent,
  type LoopStepInput,
  needsHumanApproval,
} from '@guardloop/core';
import type { Classifier } from '@guardloop/semantic';
import type { UndoLogStore } from '@guardloop/undo-log';
import { benchActor, benchAttributes } from './bench-host-data';
import { benchTicket, createBenchSteps } from './bench-loop';

export interface HandWrittenLoop {
  /** Runs the next ticket through the same steps, composed by hand; resolves the act result. */
  handleNext(): Promise<unknown>;
}

const abortSignal = new AbortController().signal;

/**
 * The hot-path benchmark's baseline: the loop's steps called one after the other as a host would
 * without `createLoop`, with intake, the most confident hypothesis and the approval check, but
 * no step-output validation, no events and no decision record.
 */
export function createHandWrittenLoop({
  store,
  classifier,
  tickets,
}: {
  store: UndoLogStore;
  classifier: Classifier;
  tickets: readonly string[];
}): HandWrittenLoop {
  const { steps, undoLog } = createBenchSteps({ store, classifier });
  const actor = actorSchema.parse(benchActor);
  let count = 0;
  return {
    async handleNext() {
      count += 1;
      const signal = createSignal(benchTicket(tickets, count));
      const input: LoopStepInput = {
        traceId: signal.traceId,
        signal,
        actor,
        attributes: benchAttributes,
        hypotheses: [],
      };
      const intent = (await steps.classifyIntent(input, { abortSignal })) as Intent;
      const proposed = (await steps.proposeHypotheses(
        { ...input, intent },
        { abortSignal },
      )) as Hypothesis[];
      const hypothesis = proposed[0];
      if (hypothesis?.action === undefined) throw new Error('No action was proposed.');
      if (needsHumanApproval(hypothesis.action, { actions: undoLog })) {
        throw new Error('The benchmark action must not need an approval.');
      }
      return steps.act({ ...input, intent, hypotheses: proposed, hypothesis }, { abortSignal });
    },
  };
}
