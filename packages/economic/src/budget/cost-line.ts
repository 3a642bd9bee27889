import type { RailContext } from '@guardloop/core';
import { scopeOf } from '../scope';
import { periodRange } from '../window/bucket-range';
import type { CostBudget } from './define-cost-budget';

export type CostDimension = 'tokens' | 'usd';

/** One counter of one budget, for the decision's scope and the current period. */
export interface CostLine {
  budget: string;
  /** The counter charged. */
  key: string;
  dimension: CostDimension;
  /** E.g. `tenant 'acme'`. */
  scope: string;
  periodStart: number;
  periodEnd: number;
  limit: number;
  /** Spent in the period, after the charge when it was applied. */
  used: number;
  /** What this decision costs in this dimension. */
  cost: number;
}

export interface CostCharge {
  /** False when a budget would have been exceeded; nothing stays charged then. */
  applied: boolean;
  /** Lines charged (all applicable ones when applied). */
  lines: CostLine[];
  /** The line that would have gone over its limit. */
  exceeded: CostLine | undefined;
}

// Money is counted in micro-dollars: integers add exactly, so 100 charges of $0.10 fit $10.
const scale: Record<CostDimension, number> = { tokens: 1, usd: 1_000_000 };
const dimensions: readonly CostDimension[] = ['tokens', 'usd'];

/** A line's amount in counter units: tokens as they are, money in micro-dollars. */
export const toCounterUnits = (line: CostLine, value: number): number =>
  Math.round(value * scale[line.dimension]);

/**
 * A cost in counter units, rounded up unless it is a whole number of units up to float noise
 * ($0.1 is 100000.00000000001 micro-dollars): rounded to nearest, a cost below half a unit
 * ($0.0000004) would be charged nothing, however many times it is spent.
 */
export const costToCounterUnits = (line: CostLine, value: number): number => {
  const units = value * scale[line.dimension];
  const nearest = Math.round(units);
  return Math.abs(units - nearest) <= 1e-9 * Math.max(1, units) ? nearest : Math.ceil(units);
};

/** A counter total back in the line's units. */
export const fromCounterUnits = (line: CostLine, value: number): number =>
  value / scale[line.dimension];

/** Every budget line a decision falls under at `now`: one per budget and limited dimension. */
export function costLines(
  budgets: readonly CostBudget[],
  context: RailContext,
  { now, keyPrefix }: { now: number; keyPrefix: string },
): CostLine[] {
  const action = context.action;
  if (!action) return [];
  const result: CostLine[] = [];
  for (const budget of budgets) {
    if (budget.actionTypes && !budget.actionTypes.includes(action.name)) continue;
    const scope = scopeOf(budget.scope, context);
    const { bucketStart, to } = periodRange(now, budget.periodMs);
    for (const dimension of dimensions) {
      const limit = budget.limits[dimension];
      if (limit === undefined) continue;
      result.push({
        key: `${keyPrefix}cost:${encodeURIComponent(budget.name)}:${dimension}:${scope.key}`,
        budget: budget.name,
        dimension,
        scope: scope.description,
        periodStart: bucketStart,
        periodEnd: to,
        limit,
        used: 0,
        cost: action.cost?.[dimension] ?? 0,
      });
    }
  }
  return result;
}
