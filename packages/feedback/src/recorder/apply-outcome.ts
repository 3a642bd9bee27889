import { isStorableText } from '@guardloop/core/internal';
import { humanReviewLimits } from '../schemas/human-review';
import type { OutcomeEvent, OutcomeFlag } from '../schemas/outcome-event';
import { originOutcomeTypes } from '../schemas/outcome-payloads';
import type { SegmentField } from '../schemas/segment';
import { dayOf } from '../schemas/time-range';
import type { TraceState } from '../schemas/trace-state';
import { applyHumanReview } from './apply-human-review';
import { applyTicketSla } from './apply-ticket-sla';
import { initialTrace } from './initial-trace';

const isBreakdownKey = (value: string) =>
  isStorableText(value, humanReviewLimits.breakdownKeyBytes);

export interface ApplyOutcomeOptions {
  /** A return, reopen or escalation within this time after a deflection makes it a failed one. */
  deflectionWindowMs: number;
}

/**
 * Folds one outcome into its trace's state (pure), as the next one in time order: folding a
 * trace's outcomes sorted by `compareOutcomeOrder` gives its state. Segment fields listed in
 * `event.inherited` leave the trace's segment alone. Returns the anomalies noticed (all but
 * `unknown_trace`, which depends on the whole trace); the outcome is kept either way.
 */
export function applyOutcome(
  previous: TraceState | undefined,
  event: OutcomeEvent,
  { deflectionWindowMs }: ApplyOutcomeOptions,
): { trace: TraceState; flags: OutcomeFlag[] } {
  const base = previous ?? initialTrace(event);
  const startedAt = Math.min(base.startedAt, event.at);
  // A segment field the event only inherited keeps the trace's value: only given ones move it.
  const segmentOf = (field: SegmentField) =>
    event.inherited?.includes(field) ? base[field] : event[field];
  const trace: TraceState = {
    ...base,
    revision: base.revision + 1,
    known: base.known || originOutcomeTypes.has(event.type),
    startedAt,
    day: dayOf(startedAt),
    updatedAt: Math.max(base.updatedAt, event.recordedAt),
    latestAt: Math.max(base.latestAt ?? event.at, event.at),
    category: segmentOf('category'),
    channel: segmentOf('channel'),
    queue: segmentOf('queue'),
    outcomes: base.outcomes + 1,
  };
  if (event.ticketId !== undefined) trace.ticketId = event.ticketId;
  const flags: OutcomeFlag[] = [];
  const elapsed = (given: number | undefined) => given ?? Math.max(0, event.at - trace.startedAt);
  const markReturned = () => {
    const since = trace.deflectedAt === undefined ? -1 : event.at - trace.deflectedAt;
    if (since >= 0 && since <= deflectionWindowMs) trace.returnedAfterDeflection = true;
  };

  switch (event.type) {
    case 'decision':
      trace.decided = true;
      trace.verdict = event.verdict;
      if (event.confidence !== undefined) trace.confidence = event.confidence;
      // Kept only when it fits a breakdown key (proposedAction itself is unbounded).
      if (event.proposedAction !== undefined && isBreakdownKey(event.proposedAction))
        trace.action = event.proposedAction;
      if (event.hypothesisId !== undefined) trace.hypothesisId = event.hypothesisId;
      break;
    case 'escalated':
      trace.escalated = true;
      markReturned();
      break;
    case 'deflected':
      trace.deflectedAt ??= event.at;
      break;
    case 'article_suggested':
      trace.articleSuggestions += 1;
      break;
    case 'resolved':
      if (trace.resolved) {
        flags.push('already_resolved');
        break;
      }
      if (trace.resolutions === 0) trace.firstContact = event.firstContact;
      trace.resolutions += 1;
      trace.resolved = true;
      trace.resolutionMs = elapsed(event.elapsedMs);
      break;
    case 'reopened':
      if (trace.resolved) {
        trace.resolved = false;
        trace.reopens += 1;
      } else flags.push('reopened_before_resolved');
      markReturned();
      break;
    case 'override':
      trace.overridden = true;
      if (trace.confidence === undefined && event.confidence !== undefined) {
        trace.confidence = event.confidence;
      }
      break;
    case 'csat':
      trace.csatResponses += 1;
      trace.csatScoreSum += event.score;
      break;
    case 'macro_used':
      trace.macroUses += 1;
      if (event.editDistance > 0) trace.macroEdits += 1;
      break;
    case 'article_feedback':
      if (event.helpful) trace.articleHelpful += 1;
      else trace.articleUnhelpful += 1;
      break;
    case 'first_response':
      trace.firstResponseMs ??= elapsed(event.elapsedMs);
      break;
    case 'returned':
      if (trace.deflectedAt === undefined) flags.push('returned_without_deflection');
      markReturned();
      break;
    case 'routed':
      // The segment update above (queue := routed queue) is the whole effect.
      break;
    case 'human_decision':
    case 'sla_breached':
      flags.push(...applyHumanReview(trace, event));
      break;
    case 'ticket_sla':
      flags.push(...applyTicketSla(trace, event));
      break;
  }
  return { trace, flags };
}
