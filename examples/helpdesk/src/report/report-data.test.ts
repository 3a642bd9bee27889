import { describe, expect, it } from 'vitest';
import { groupEscalations, reasonKey, shortReason } from './report-data';
import type { Escalation } from './run-log';

const escalation = (reason: string, rail = 'policy-rules'): Escalation => ({
  day: 1,
  ticketId: 'T-1',
  rail,
  reason: `${rail}: ${reason}`,
  status: 'escalated',
});

describe('grouping escalation reasons', () => {
  it('groups reasons that differ only in numbers, and keeps a real one with its numbers', () => {
    const [group] = groupEscalations([
      escalation("Rule 'refund-over-limit' v1 matched: Refunds over 100 EUR need a human."),
      escalation("Rule 'refund-over-limit' v1 matched: Refunds over 250 EUR need a human."),
    ]);
    expect(group?.count).toBe(2);
    expect(group?.reasons).toEqual([
      {
        key: "Rule 'refund-over-limit' v# matched: Refunds over # EUR need a human.",
        example: "Rule 'refund-over-limit' v1 matched: Refunds over 100 EUR need a human.",
        count: 2,
      },
    ]);
  });

  it('keeps the whole reason, every sentence, for the report to show on demand', () => {
    const long =
      "Autonomy none: SLO 'autonomous-actions' is burning its error budget at 2.1x over 6h and 5.0x over 1h (alert threshold 1.0x). 8.3% of the 3d error budget left.";
    const [group] = groupEscalations([escalation(long, 'slo-autonomy')]);
    expect(group?.reasons[0]?.example).toBe(long);
    expect(reasonKey(long)).not.toMatch(/\d/);
    expect(shortReason(long)).toHaveLength(90);
    expect(shortReason(long).endsWith('…')).toBe(true);
    expect(shortReason('Profanity.')).toBe('Profanity.');
  });
});
