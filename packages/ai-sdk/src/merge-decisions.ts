import type { Decision } from '@guardloop/core';
import { combineRailResults } from '@guardloop/core/internal';

/**
 * One decision from the rails judged before approval and the counting rails judged when the
 * call runs, combined by the rule `evaluateRails` applies: a deny wins, then escalations.
 */
export function mergeDecisions(first: Decision, second: Decision): Decision {
  return combineRailResults([...first.rails, ...second.rails], {
    id: second.id,
    traceId: first.traceId,
    decidedAt: first.decidedAt,
    durationMs: first.durationMs + second.durationMs,
  });
}
