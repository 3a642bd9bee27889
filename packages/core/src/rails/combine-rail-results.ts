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
  let denial: RailResult | undefined;
  let escalations: RailResult[] | undefined;
  for (const result of results) {
    if (result.verdict === 'deny') {
      denial = result;
      break;
    }
    if (result.verdict === 'escalate') {
      escalations ??= [];
      escalations.push(result);
    }
  }
  // Each decision is built as one literal, keys in one order: spreading a shared base into
  // three shapes cost more than every rail of a small decision together.
  const rails = results.slice();
  if (denial) {
    return {
      id,
      traceId,
      rails,
      decidedAt,
      durationMs,
      verdict: 'deny',
      reason: `${denial.rail}: ${denial.reason}`,
      decidedBy: denial.rail,
    };
  }
  if (escalations) {
    return {
      id,
      traceId,
      rails,
      decidedAt,
      durationMs,
      verdict: 'escalate',
      reason: escalations.map((result) => `${result.rail}: ${result.reason}`).join(' | '),
      decidedBy: (escalations[0] as RailResult).rail,
    };
  }
  const reason =
    results.length === 0 ? 'No rails are configured.' : `All ${results.length} rails allowed.`;
  return { id, traceId, rails, decidedAt, durationMs, verdict: 'allow', reason };
}
