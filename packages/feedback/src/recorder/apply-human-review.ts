import { type HumanReview, humanReviewLimits } from '../schemas/human-review';
import type { OutcomeEventOf, OutcomeFlag } from '../schemas/outcome-event';
import type { TraceState } from '../schemas/trace-state';

type ReviewEvent = OutcomeEventOf<'human_decision'> | OutcomeEventOf<'sla_breached'>;

/**
 * Folds a `human_decision` or `sla_breached` into `trace` (a fresh copy the caller owns): one
 * review per escalation id. Every rule is first-wins or monotonic, so folding in time order
 * gives the same state whatever order the outcomes arrived in.
 */
export function applyHumanReview(trace: TraceState, event: ReviewEvent): OutcomeFlag[] {
  // Copied, never changed in place: the previous state may be shared with a store's copy.
  const reviews = (trace.humanReviews ?? []).map((review) => ({ ...review }));
  let review = reviews.find((entry) => entry.escalationId === event.escalationId);
  if (!review) {
    if (reviews.length >= humanReviewLimits.reviewsPerTrace) return ['review_limit_reached'];
    review = { escalationId: event.escalationId, slaBreached: false };
    reviews.push(review);
  }
  const flags: OutcomeFlag[] = [];
  // The names given first in time order stay: a later outcome only fills in missing ones.
  if (review.rail === undefined && event.rail !== undefined) review.rail = event.rail;
  if (review.action === undefined && event.action !== undefined) review.action = event.action;
  if (event.type === 'sla_breached') review.slaBreached = true;
  else if (review.decision !== undefined) flags.push('already_decided');
  else decide(review, event);
  if (review.decision !== undefined && review.decision !== 'approved') trace.overridden = true;
  trace.humanReviews = reviews;
  return flags;
}

function decide(review: HumanReview, event: OutcomeEventOf<'human_decision'>): void {
  review.decision = event.decision;
  review.decideMs = event.decideMs;
  if (event.acknowledgeMs !== undefined) review.acknowledgeMs = event.acknowledgeMs;
  if (event.slaBreached) review.slaBreached = true;
}
