import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { type OutcomeInput, parseOutcomeInput } from './outcome-input';
import { outcomeTypes } from './outcome-payloads';

const base = { traceId: 't1' };
const valid: Record<(typeof outcomeTypes)[number], OutcomeInput> = {
  decision: { ...base, type: 'decision', verdict: 'allow', confidence: 0.4 },
  escalated: { ...base, type: 'escalated', reason: 'policy' },
  routed: { ...base, type: 'routed', queue: 'q1' },
  deflected: { ...base, type: 'deflected' },
  article_suggested: { ...base, type: 'article_suggested', articleId: 'a1' },
  resolved: { ...base, type: 'resolved', firstContact: true },
  reopened: { ...base, type: 'reopened', reason: 'again' },
  override: { ...base, type: 'override', proposed: 'refund', actual: 'credit' },
  csat: { ...base, type: 'csat', score: 3 },
  macro_used: { ...base, type: 'macro_used', macroId: 'm1', editDistance: 0 },
  article_feedback: { ...base, type: 'article_feedback', articleId: 'a1', helpful: false },
  first_response: { ...base, type: 'first_response' },
  returned: { ...base, type: 'returned' },
  human_decision: {
    ...base,
    type: 'human_decision',
    escalationId: 'e1',
    decision: 'approved_with_edits',
    reviewer: 'agent-7',
    rail: 'refund-limit',
    action: 'refund',
    acknowledgeMs: 1000,
    decideMs: 60_000,
    slaBreached: false,
    diff: [{ op: 'replace', path: '/amount', value: 40 }],
    reason: 'too generous',
  },
  sla_breached: {
    ...base,
    type: 'sla_breached',
    escalationId: 'e1',
    deadline: 'acknowledge',
    lateMs: 5000,
  },
  ticket_sla: {
    ...base,
    type: 'ticket_sla',
    policy: 'vip',
    priority: 'urgent',
    metric: 'first_response',
    instance: 1,
    targetMs: 3_600_000,
    elapsedMs: 4_000_000,
    breached: true,
    lateMs: 400_000,
  },
};

const decided = { ...base, type: 'human_decision', escalationId: 'e1', reviewer: 'r1' };
const breached = { ...base, type: 'sla_breached', escalationId: 'e1', deadline: 'decide' };
const humanInvalid: Array<[string, unknown, string]> = [
  [
    'unknown human decision',
    { ...decided, decision: 'maybe', decideMs: 1, slaBreached: false },
    'decision',
  ],
  [
    'decision without decideMs',
    { ...decided, decision: 'approved', slaBreached: false },
    'decideMs',
  ],
  [
    'fractional decideMs',
    { ...decided, decision: 'approved', decideMs: 1.5, slaBreached: false },
    'decideMs',
  ],
  [
    'negative acknowledgeMs',
    { ...decided, decision: 'approved', decideMs: 1, acknowledgeMs: -1, slaBreached: false },
    'acknowledgeMs',
  ],
  [
    'decision without slaBreached',
    { ...decided, decision: 'rejected', decideMs: 1 },
    'slaBreached',
  ],
  [
    'decision without reviewer',
    { ...decided, reviewer: undefined, decision: 'rejected', decideMs: 1, slaBreached: true },
    'reviewer',
  ],
  [
    'escalation id with NUL',
    { ...decided, escalationId: 'e\u0000', decision: 'rejected', decideMs: 1, slaBreached: true },
    'escalationId',
  ],
  [
    'rail name over 128 bytes',
    { ...decided, rail: 'r'.repeat(129), decision: 'rejected', decideMs: 1, slaBreached: true },
    'rail',
  ],
  [
    'non-JSON diff',
    {
      ...decided,
      diff: { at: new Date(0) },
      decision: 'approved',
      decideMs: 1,
      slaBreached: false,
    },
    'diff.at',
  ],
  [
    'reason over 4096 bytes',
    { ...decided, reason: 'x'.repeat(4097), decision: 'rejected', decideMs: 1, slaBreached: false },
    'reason',
  ],
  ['unknown deadline', { ...breached, deadline: 'resolve', lateMs: 1 }, 'deadline'],
  ['breach without lateMs', breached, 'lateMs'],
  ...ticketSlaInvalid(),
  [
    'breach with an action over 128 bytes',
    { ...breached, lateMs: 1, action: 'a'.repeat(200) },
    'action',
  ],
];

function ticketSlaInvalid(): Array<[string, unknown, string]> {
  const run = valid.ticket_sla;
  return [
    ['unknown SLA metric', { ...run, metric: 'first_reply' }, 'metric'],
    ['SLA instance 0', { ...run, instance: 0 }, 'instance'],
    ['negative SLA elapsedMs', { ...run, elapsedMs: -1 }, 'elapsedMs'],
    ['fractional SLA targetMs', { ...run, targetMs: 1.5 }, 'targetMs'],
    ['SLA run without breached', { ...run, breached: undefined }, 'breached'],
    ['SLA policy over 128 bytes', { ...run, policy: 'p'.repeat(129) }, 'policy'],
    ['SLA run without priority', { ...run, priority: undefined }, 'priority'],
    ['SLA completed not boolean', { ...run, completed: 'yes' }, 'completed'],
  ];
}

const invalid: Array<[string, unknown, string]> = [
  ['not an object', 42, ''],
  ['missing trace', { type: 'deflected' }, 'traceId'],
  ['unknown type', { ...base, type: 'closed' }, 'type'],
  ['unknown field', { ...base, type: 'deflected', colour: 'red' }, ''],
  ['bad time', { ...base, type: 'deflected', at: -1 }, 'at'],
  ['bad verdict', { ...base, type: 'decision', verdict: 'maybe' }, 'verdict'],
  [
    'confidence above 1',
    { ...base, type: 'decision', verdict: 'allow', confidence: 1.5 },
    'confidence',
  ],
  ['routing without queue', { ...base, type: 'routed' }, 'queue'],
  [
    'override without suggestion',
    { ...base, type: 'routed', queue: 'q', overridden: true },
    'suggestedQueue',
  ],
  ['resolution without firstContact', { ...base, type: 'resolved' }, 'firstContact'],
  ['blank reopen reason', { ...base, type: 'reopened', reason: '   ' }, 'reason'],
  [
    'override equal to proposal',
    { ...base, type: 'override', proposed: 'a', actual: 'a' },
    'actual',
  ],
  ['csat out of scale', { ...base, type: 'csat', score: 6 }, 'score'],
  ['macro without a diff size', { ...base, type: 'macro_used', macroId: 'm' }, 'editDistance'],
  [
    'negative edit distance',
    { ...base, type: 'macro_used', macroId: 'm', editDistance: -1 },
    'editDistance',
  ],
  ['vote without helpful', { ...base, type: 'article_feedback', articleId: 'a' }, 'helpful'],
  ['negative response time', { ...base, type: 'first_response', elapsedMs: -3 }, 'elapsedMs'],
];

describe('parseOutcomeInput', () => {
  it.each(outcomeTypes)('accepts a valid %s outcome', (type) => {
    expect(parseOutcomeInput(valid[type])).toMatchObject({ type, traceId: 't1' });
  });

  it('converts a Date to epoch milliseconds', () => {
    expect(parseOutcomeInput({ ...valid.csat, at: new Date(5000) })).toMatchObject({ at: 5000 });
  });

  it.each([...invalid, ...humanInvalid])('rejects %s with invalid_outcome', (_, input, path) => {
    let caught: unknown;
    try {
      parseOutcomeInput(input);
    } catch (error) {
      caught = error;
    }
    expect(GuardloopError.hasCode(caught, 'invalid_outcome')).toBe(true);
    expect(
      (caught as { issues: Array<{ path: string }> }).issues.map((issue) => issue.path),
    ).toContain(path);
  });
});
