import type { Intent, LoopEvent, Signal } from '@guardloop/core';
import { isStorableText } from '@guardloop/core/internal';
import { humanReviewLimits } from '../schemas/human-review';
import type { OutcomeInput } from '../schemas/outcome-input';
import type { LoopSegment, LoopSegmentContext } from './loop-segment';

interface TraceContext {
  signal?: Signal;
  intent?: Intent;
}

export interface LoopEventObserverOptions {
  segment: (context: LoopSegmentContext) => LoopSegment;
  maxPendingTraces: number;
}

/**
 * Turns loop events into outcomes: `decision.made` -> decision, `loop.escalated` -> escalated.
 * Earlier events of the run (signal, intent) are remembered for the segment until the run ends.
 * Outcome ids derive from the trace, so a re-delivered event is a duplicate, not a second outcome.
 */
export function createLoopEventObserver({ segment, maxPendingTraces }: LoopEventObserverOptions) {
  const contexts = new Map<string, TraceContext>();

  const contextOf = (traceId: string) => {
    const known = contexts.get(traceId);
    if (known) return known;
    // Runs that never end (aborted) must not grow the map forever: forget the oldest.
    if (contexts.size >= maxPendingTraces) contexts.delete(contexts.keys().next().value as string);
    const context: TraceContext = {};
    contexts.set(traceId, context);
    return context;
  };

  return (event: LoopEvent): OutcomeInput | undefined => {
    const context = contextOf(event.traceId);
    if (event.type === 'signal.received') context.signal = event.signal;
    if (event.type === 'intent.classified') context.intent = event.intent;
    if (event.type.startsWith('loop.')) contexts.delete(event.traceId);
    const common = (hypothesis = undefined as LoopSegmentContext['hypothesis']) => ({
      traceId: event.traceId,
      at: event.at,
      ...(context.signal
        ? segment({
            signal: context.signal,
            ...(context.intent ? { intent: context.intent } : {}),
            ...(hypothesis ? { hypothesis } : {}),
          })
        : {}),
    });
    if (event.type === 'decision.made') {
      const { decision, hypothesis } = event;
      const confidence = hypothesis?.confidence ?? context.intent?.confidence;
      return {
        ...common(hypothesis),
        id: `${event.traceId}:decision:${decision.id}`,
        type: 'decision',
        decisionId: decision.id,
        verdict: decision.verdict,
        ...(decision.decidedBy ? { decidedBy: decision.decidedBy } : {}),
        ...(confidence === undefined ? {} : { confidence }),
        ...(hypothesis?.action ? { proposedAction: hypothesis.action.name } : {}),
        // Resolutions are counted per hypothesis id, when it fits a breakdown key.
        ...(hypothesis && isStorableText(hypothesis.id, humanReviewLimits.breakdownKeyBytes)
          ? { hypothesisId: hypothesis.id }
          : {}),
      };
    }
    if (event.type === 'loop.escalated') {
      const { reason, rail } = event.escalation;
      return {
        ...common(),
        id: `${event.traceId}:escalated`,
        type: 'escalated',
        ...(reason ? { reason } : {}),
        ...(rail ? { rail } : {}),
      };
    }
    return undefined;
  };
}
