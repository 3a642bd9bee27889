import type { OutcomeEvent, OutcomeFlag } from '../schemas/outcome-event';
import { originOutcomeTypes } from '../schemas/outcome-payloads';
import type { TraceState } from '../schemas/trace-state';
import { type ApplyOutcomeOptions, applyOutcome } from './apply-outcome';

/** An outcome that is not stored yet sorts after every stored one with the same time. */
const notStoredYet = Number.MAX_SAFE_INTEGER;

/**
 * The order a trace's outcomes are folded in: by event time `at`, ties by recording order
 * (`sequence`, an outcome not stored yet last). Arrival order matters only for equal times.
 */
export function compareOutcomeOrder(
  a: Pick<OutcomeEvent, 'at'> & { sequence?: number },
  b: Pick<OutcomeEvent, 'at'> & { sequence?: number },
): number {
  return a.at - b.at || (a.sequence ?? notStoredYet) - (b.sequence ?? notStoredYet);
}

/** `unknown_trace` marks the follow-ups of a trace that nothing started (yet). */
export function withUnknownTraceFlag(
  event: Pick<OutcomeEvent, 'type'>,
  trace: Pick<TraceState, 'known'>,
  flags: OutcomeFlag[],
): OutcomeFlag[] {
  return !trace.known && !originOutcomeTypes.has(event.type) ? ['unknown_trace', ...flags] : flags;
}

/**
 * A trace's state from all its outcomes, folded in `compareOutcomeOrder` (the caller sorts),
 * and each outcome's flags by id. The state's `revision` counts the outcomes: a writer sets
 * the revision it commits.
 */
export function foldOutcomes(
  ordered: readonly OutcomeEvent[],
  options: ApplyOutcomeOptions,
): { trace: TraceState; flags: Map<string, OutcomeFlag[]> } {
  let trace: TraceState | undefined;
  const anomalies: Array<[OutcomeEvent, OutcomeFlag[]]> = [];
  for (const outcome of ordered) {
    const folded = applyOutcome(trace, outcome, options);
    trace = folded.trace;
    anomalies.push([outcome, folded.flags]);
  }
  if (!trace) throw new RangeError('foldOutcomes needs at least one outcome');
  const known = trace;
  const flags = new Map(
    anomalies.map(([outcome, found]) => [outcome.id, withUnknownTraceFlag(outcome, known, found)]),
  );
  return { trace, flags };
}
