import type { Decision } from '../schemas/decision';
import type { RailResult } from '../schemas/rail-verdict';

/** What a decision carries besides its verdict, reason and rails. */
export interface DecisionBase {
  id: string;
  traceId: string;
  decidedAt: number;
  durationMs: number;
}

/**
 * The decision of a set of rail results, the one rule every caller applies: the first deny
 * wins, else every escalation is named, else allow.
 */
export function combineRailResults(results: readonly RailResult[], base: DecisionBase): Decision {
  const { id, traceId, decidedAt, durationMs } = base;
  const decision = { id, traceId, rails: [...results], decidedAt, durationMs };
  const denial = results.find((result) => result.verdict === 'deny');
  if (denial) {
    return {
      ...decision,
      verdict: 'deny',
      reason: `${denial.rail}: ${denial.reason}`,
      decidedBy: denial.rail,
    };
  }
  const escalations = results.filter((result) => result.verdict === 'escalate');
  const [first] = escalations;
  if (first) {
    return {
      ...decision,
      verdict: 'escalate',
      reason: escalations.map((result) => `${result.rail}: ${result.reason}`).join(' | '),
      decidedBy: first.rail,
    };
  }
  const reason =
    results.length === 0 ? 'No rails are configured.' : `All ${results.length} rails allowed.`;
  return { ...decision, verdict: 'allow', reason };
}
