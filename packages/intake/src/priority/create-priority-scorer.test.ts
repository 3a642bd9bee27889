import { InvalidInputError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { InvalidPriorityConfigError } from '../errors/invalid-priority-config-error';
import { createPriorityScorer } from './create-priority-scorer';
import type { PriorityConfig } from './priority-config';

const config = {
  impacts: ['high', 'medium', 'low'],
  urgencies: ['high', 'medium', 'low'],
  matrix: {
    high: { high: 'p1', medium: 'p2', low: 'p3' },
    medium: { high: 'p2', medium: 'p3', low: 'p4' },
    low: { high: 'p3', medium: 'p4', low: 'p4' },
  },
  defaults: { impact: 'medium', urgency: 'medium' },
  adjustments: {
    tiers: { enterprise: 1, free: -1 },
    channels: { phone: 1 },
    sentiment: [{ atMost: -0.6, steps: 1 }],
    keywords: [
      { terms: ['outage', 'data loss'], steps: 1 },
      { terms: ['feature request'], steps: -1 },
    ],
  },
} satisfies PriorityConfig;

function issuesOf(bad: unknown) {
  try {
    createPriorityScorer(bad as PriorityConfig);
  } catch (error) {
    expect(InvalidPriorityConfigError.isInstance(error)).toBe(true);
    expect((error as InvalidPriorityConfigError).code).toBe('invalid_priority_config');
    return (error as InvalidPriorityConfigError).issues.map((issue) => issue.path);
  }
  throw new Error('expected an InvalidPriorityConfigError');
}

describe('createPriorityScorer', () => {
  const scorer = createPriorityScorer(config);

  it('reads the impact x urgency matrix and explains it', () => {
    expect(scorer.score({ impact: 'high', urgency: 'medium' })).toEqual({
      priority: 'p2',
      score: 2,
      factors: [
        {
          kind: 'matrix',
          impact: 'high',
          urgency: 'medium',
          level: 'p2',
          defaulted: [],
          points: 2,
        },
      ],
    });
  });

  it('adds tier, channel, sentiment and keyword adjustments as factors', () => {
    const result = scorer.score({
      impact: 'medium',
      urgency: 'low',
      tier: 'enterprise',
      channel: 'phone',
      sentiment: -0.8,
      text: 'Total OUTAGE since 9am, is this data loss?',
    });
    expect(result.priority).toBe('p1');
    expect(result.score).toBe(4);
    expect(result.factors.map((factor) => [factor.kind, factor.points])).toEqual([
      ['matrix', 0],
      ['tier', 1],
      ['channel', 1],
      ['sentiment', 1],
      ['keyword', 1],
    ]);
    expect(result.factors[4]).toMatchObject({ terms: ['outage', 'data loss'] });
  });

  it('clamps to the levels and matches keywords as whole words only', () => {
    expect(
      scorer.score({ impact: 'low', urgency: 'low', tier: 'free', text: 'a feature request' }),
    ).toMatchObject({ priority: 'p4', score: -2 });
    expect(scorer.score({ impact: 'low', urgency: 'low', text: 'outages' }).factors).toHaveLength(
      1,
    );
  });

  it('uses the defaults when the ticket does not say, and records that', () => {
    expect(scorer.score({}).factors[0]).toMatchObject({
      level: 'p3',
      defaulted: ['impact', 'urgency'],
    });
  });

  it('supports configured levels', () => {
    const custom = createPriorityScorer({
      levels: ['urgent', 'normal'],
      impacts: ['any'],
      urgencies: ['now', 'later'],
      matrix: { any: { now: 'urgent', later: 'normal' } },
    });
    expect(custom.levels).toEqual(['urgent', 'normal']);
    expect(custom.score({ impact: 'any', urgency: 'later' }).priority).toBe('normal');
  });

  it('rejects bad input with invalid_input naming the field', () => {
    const strict = createPriorityScorer({ ...config, defaults: {} });
    for (const [scorerToUse, input, path] of [
      [scorer, { impact: 'huge' }, 'impact'],
      [strict, { impact: 'high' }, 'urgency'],
      [scorer, { sentiment: 3 }, 'sentiment'],
      [scorer, 'p1', ''],
      [scorer, { text: 7 }, 'text'],
    ] as const) {
      try {
        scorerToUse.score(input as never);
        expect.unreachable();
      } catch (error) {
        expect(InvalidInputError.isInstance(error)).toBe(true);
        expect((error as InvalidInputError).issues[0]?.path).toBe(path);
      }
    }
  });

  it('rejects missing cells, unknown levels and bad defaults with every path', () => {
    expect(
      issuesOf({
        ...config,
        matrix: {
          high: { high: 'p1', medium: 'p9' },
          medium: { high: 'p2', medium: 'p3', low: 'p4', extreme: 'p1' },
          huge: {},
        },
        defaults: { impact: 'massive' },
      }),
    ).toEqual([
      'matrix.huge',
      'matrix.high.medium',
      'matrix.high.low',
      'matrix.medium.extreme',
      'matrix.low',
      'defaults.impact',
    ]);
    expect(issuesOf({ ...config, levels: ['p1', 'p1'] })).toContain('levels.1');
  });

  it('rejects malformed configuration with invalid_priority_config, never a crash', () => {
    for (const bad of [
      undefined,
      null,
      {},
      { ...config, impacts: [] },
      { ...config, levels: ['only'] },
      { ...config, adjustments: { tiers: { enterprise: 0.5 } } },
      { ...config, adjustments: { keywords: [{ terms: [], steps: 1 }] } },
      { ...config, colour: 'red' },
      {
        get impacts() {
          throw new Error('boom');
        },
      },
    ]) {
      expect(() => createPriorityScorer(bad as PriorityConfig)).toThrow(InvalidPriorityConfigError);
    }
  });
});
