import { InvalidInputError, parseInput } from '@guardloop/core';
import { describeThrown, toInputIssues } from '@guardloop/core/internal';
import type { z } from 'zod';
import { InvalidPriorityConfigError } from '../errors/invalid-priority-config-error';
import { findPriorityConfigIssues } from './find-priority-config-issues';
import {
  type PriorityConfig,
  type PriorityInput,
  priorityConfigSchema,
  priorityInputSchema,
} from './priority-config';

/** One contribution to a score: `points` toward the most urgent level. */
export type PriorityFactor =
  | {
      kind: 'matrix';
      impact: string;
      urgency: string;
      /** The matrix cell before adjustments. */
      level: string;
      /** Which of impact and urgency came from `defaults`. */
      defaulted: ('impact' | 'urgency')[];
      points: number;
    }
  | { kind: 'tier' | 'channel'; value: string; points: number }
  | { kind: 'sentiment'; value: number; atMost: number; points: number }
  | { kind: 'keyword'; terms: string[]; points: number };

export interface PriorityScore {
  priority: string;
  /** Sum of the factors' points: 0 is the least urgent level, `levels.length - 1` the most. */
  score: number;
  /** In the order applied: the matrix first, then tier, channel, sentiment and keywords. */
  factors: PriorityFactor[];
}

export interface PriorityScorer {
  readonly levels: readonly string[];
  /**
   * The priority of a ticket and the factors that produced it.
   * @throws InvalidInputError (`invalid_input`) for malformed input, or an impact or urgency
   * outside the configuration (or missing without a default)
   */
  score(input: PriorityInput): PriorityScore;
}

const escapeRegExp = (term: string) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * An explainable priority score: the ITIL impact × urgency matrix gives a level, then tier,
 * channel, sentiment and keyword adjustments move it by whole levels, clamped to the list.
 * @throws InvalidPriorityConfigError (`invalid_priority_config`) listing every problem
 */
export function createPriorityScorer(config: PriorityConfig): PriorityScorer {
  let parsed: z.ZodSafeParseResult<z.output<typeof priorityConfigSchema>>;
  try {
    parsed = priorityConfigSchema.safeParse(config);
  } catch (error) {
    const message = `cannot be read (${describeThrown(error)})`;
    throw new InvalidPriorityConfigError({ issues: [{ path: '', message }], cause: error });
  }
  if (!parsed.success) {
    const issues = toInputIssues(parsed.error.issues);
    throw new InvalidPriorityConfigError({ issues, cause: parsed.error });
  }
  const settings = parsed.data;
  const levels = settings.levels ?? ['p1', 'p2', 'p3', 'p4'];
  const issues = findPriorityConfigIssues(settings, levels);
  if (issues.length > 0) throw new InvalidPriorityConfigError({ issues });
  const { tiers = {}, channels = {}, sentiment = [], keywords = [] } = settings.adjustments ?? {};
  const keywordRules = keywords.map((rule) => ({
    ...rule,
    patterns: rule.terms.map((term) => ({
      term,
      pattern: new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(term)}($|[^\\p{L}\\p{N}])`, 'iu'),
    })),
  }));
  const top = levels.length - 1;

  const pick = (kind: 'impact' | 'urgency', given: string | undefined, allowed: string[]) => {
    const value = given ?? settings.defaults?.[kind];
    if (value === undefined || !allowed.includes(value)) {
      const message =
        value === undefined
          ? `Required (no default ${kind} is configured)`
          : `Unknown ${kind} '${value}' (expected one of: ${allowed.join(', ')})`;
      throw new InvalidInputError({ subject: 'priority input', issues: [{ path: kind, message }] });
    }
    return value;
  };

  return {
    levels,
    score(input) {
      const ticket = parseInput(priorityInputSchema, input, 'priority input');
      const impact = pick('impact', ticket.impact, settings.impacts);
      const urgency = pick('urgency', ticket.urgency, settings.urgencies);
      const level = settings.matrix[impact]?.[urgency] as string;
      const defaulted = (['impact', 'urgency'] as const).filter(
        (kind) => ticket[kind] === undefined,
      );
      const factors: PriorityFactor[] = [
        { kind: 'matrix', impact, urgency, level, defaulted, points: top - levels.indexOf(level) },
      ];
      const byName = (kind: 'tier' | 'channel', table: Record<string, number>, value?: string) => {
        if (value !== undefined && Object.hasOwn(table, value) && table[value] !== 0) {
          factors.push({ kind, value, points: table[value] as number });
        }
      };
      byName('tier', tiers, ticket.tier);
      byName('channel', channels, ticket.channel);
      if (ticket.sentiment !== undefined) {
        const value = ticket.sentiment;
        const rule = sentiment.find((candidate) => value <= candidate.atMost);
        if (rule && rule.steps !== 0) {
          factors.push({ kind: 'sentiment', value, atMost: rule.atMost, points: rule.steps });
        }
      }
      if (ticket.text !== undefined && ticket.text.length > 0) {
        const text = ticket.text;
        for (const rule of keywordRules) {
          const terms = rule.patterns.filter(({ pattern }) => pattern.test(text));
          if (terms.length > 0 && rule.steps !== 0) {
            factors.push({
              kind: 'keyword',
              terms: terms.map(({ term }) => term),
              points: rule.steps,
            });
          }
        }
      }
      const score = factors.reduce((sum, factor) => sum + factor.points, 0);
      const clamped = Math.min(top, Math.max(0, score));
      return { priority: levels[top - clamped] as string, score, factors };
    },
  };
}
