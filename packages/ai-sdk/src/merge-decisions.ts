import type { Decision } from '@guardloop/core';

/**
 * One decision from the rails judged before approval and the counting rails judged when the
 * call runs, combined as `evaluateRails` combines rails: a deny wins, then escalations.
 */
export function mergeDecisions(first: Decision, second: Decision): Decision {
  const rails = [...first.rails, ...second.rails];
  const base = {
    id: second.id,
    traceId: first.traceId,
    rails,
    decidedAt: first.decidedAt,
    durationMs: first.durationMs + second.durationMs,
  };
  const denied = [first, second].find((decision) => decision.verdict === 'deny');
  if (denied) {
    return {
      ...base,
      verdict: 'deny',
      reason: denied.reason,
      ...(denied.decidedBy ? { decidedBy: denied.decidedBy } : {}),
    };
  }
  const escalated = [first, second].filter((decision) => decision.verdict === 'escalate');
  const [firstEscalation] = escalated;
  if (firstEscalation) {
    return {
      ...base,
      verdict: 'escalate',
      reason: escalated.map((decision) => decision.reason).join(' | '),
      ...(firstEscalation.decidedBy ? { decidedBy: firstEscalation.decidedBy } : {}),
    };
  }
  const reason =
    rails.length === 0 ? 'No rails are configured.' : `All ${rails.length} rails allowed.`;
  return { ...base, verdict: 'allow', reason };
}
