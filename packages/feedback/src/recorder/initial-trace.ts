import type { OutcomeEvent } from '../schemas/outcome-event';
import { dayOf } from '../schemas/time-range';
import type { TraceState } from '../schemas/trace-state';

/** The state of a trace before its first outcome (revision 0: not stored yet). */
export function initialTrace(event: OutcomeEvent): TraceState {
  return {
    traceId: event.traceId,
    revision: 0,
    known: false,
    startedAt: event.at,
    day: dayOf(event.at),
    updatedAt: event.recordedAt,
    category: event.category,
    channel: event.channel,
    queue: event.queue,
    outcomes: 0,
    decided: false,
    escalated: false,
    overridden: false,
    resolved: false,
    resolutions: 0,
    firstContact: false,
    reopens: 0,
    macroUses: 0,
    macroEdits: 0,
    articleSuggestions: 0,
    articleHelpful: 0,
    articleUnhelpful: 0,
    csatResponses: 0,
    csatScoreSum: 0,
    returnedAfterDeflection: false,
  };
}
