import { describe, expect, it } from 'vitest';
import { InvalidSlaPolicyError } from '../errors/invalid-sla-policy-error';
import { defineSlaPolicies, matchSlaPolicy } from './sla-policies';

describe('defineSlaPolicies', () => {
  const policies = defineSlaPolicies([
    {
      id: 'vip-email',
      filter: { segment: ['vip'], channel: ['email'] },
      targets: { '*': { firstResponseMs: 1000 } },
    },
    { id: 'billing', filter: { category: ['billing'] }, targets: { p1: { resolutionMs: 5000 } } },
    { id: 'fallback', targets: { '*': { resolutionMs: 9000 } } },
  ]);

  it('matches the first policy whose filter holds, in order', () => {
    expect(matchSlaPolicy(policies, { segment: 'vip', channel: 'email' })?.policy.id).toBe(
      'vip-email',
    );
    expect(matchSlaPolicy(policies, { segment: 'vip', channel: 'chat' })?.policy.id).toBe(
      'fallback',
    );
    expect(matchSlaPolicy(policies, { category: 'billing', priority: 'p1' })?.targets).toEqual({
      resolutionMs: 5000,
    });
    // The billing policy matches but has no targets for p2: no SLA, later policies do not apply.
    expect(matchSlaPolicy(policies, { category: 'billing', priority: 'p2' })).toBeUndefined();
  });

  it('freezes what it returns and fills defaults', () => {
    expect(Object.isFrozen(policies.policies)).toBe(true);
    expect(policies.policies[2]).toMatchObject({
      filter: {},
      warnBeforeMs: 0,
      businessHours: false,
    });
    expect(policies.needsCalendar).toBe(false);
  });

  it.each<[string, unknown]>([
    ['no policies', []],
    ['not an array', { id: 'a' }],
    [
      'a duplicate id',
      [
        { id: 'a', targets: { '*': { firstResponseMs: 1 } } },
        { id: 'a', targets: { '*': { firstResponseMs: 1 } } },
      ],
    ],
    ['no targets', [{ id: 'a', targets: {} }]],
    ['an empty target set', [{ id: 'a', targets: { p1: {} } }]],
    ['a zero target', [{ id: 'a', targets: { p1: { firstResponseMs: 0 } } }]],
    ['a fractional target', [{ id: 'a', targets: { p1: { firstResponseMs: 1.5 } } }]],
    [
      'a warning not shorter than a target',
      [{ id: 'a', warnBeforeMs: 10, targets: { p1: { firstResponseMs: 10 } } }],
    ],
    [
      'an unknown filter field',
      [{ id: 'a', filter: { product: ['x'] }, targets: { p1: { firstResponseMs: 1 } } }],
    ],
    [
      'an empty filter list',
      [{ id: 'a', filter: { segment: [] }, targets: { p1: { firstResponseMs: 1 } } }],
    ],
    ['an unknown key', [{ id: 'a', targets: { p1: { firstResponseMs: 1 } }, pauseOn: 'x' }]],
  ])('rejects %s with invalid_sla_policy', (_, input) => {
    expect(() => defineSlaPolicies(input as never)).toThrow(
      expect.toSatisfy(InvalidSlaPolicyError.isInstance),
    );
  });
});
