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
};

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

  it.each(invalid)('rejects %s with invalid_outcome', (_, input, path) => {
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
