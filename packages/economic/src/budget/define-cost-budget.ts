import { z } from 'zod';
import { InvalidBudgetError } from '../errors/invalid-budget-error';
import { configurationNameSchema, parseConfiguration, readableName } from '../parse-configuration';
import { type ScopeDimension, scopeSchema } from '../scope';
import { parseWindow, type WindowInput } from '../window/window';

export interface CostBudgetInput {
  name: string;
  /** What the budget is counted per, e.g. `['tenant']`; `[]` (the default) is one global budget. */
  scope?: readonly ScopeDimension[];
  /** Fixed period the budget resets after, aligned on the epoch: `'1d'` (the default) is a UTC day. */
  period?: WindowInput;
  /** Most tokens the scope may spend per period. */
  tokens?: number;
  /** Most money (USD) the scope may spend per period. */
  usd?: number;
  /** Action types charged to this budget; all when absent. */
  actionTypes?: readonly string[];
}

/** A validated cost budget, as returned by `defineCostBudget`. */
export interface CostBudget {
  readonly name: string;
  readonly scope: readonly ScopeDimension[];
  readonly periodMs: number;
  readonly limits: { readonly tokens?: number; readonly usd?: number };
  readonly actionTypes: readonly string[] | undefined;
}

const limit = z.number().nonnegative('must not be negative').optional();
const budgetSchema = z
  .object({
    name: configurationNameSchema,
    scope: scopeSchema.default([]),
    period: z.union([z.number(), z.string()]).default('1d'),
    tokens: limit,
    usd: limit,
    actionTypes: z.array(z.string().min(1)).min(1).optional(),
  })
  .refine((budget) => budget.tokens !== undefined || budget.usd !== undefined, {
    message: 'set a tokens or a usd limit (or both)',
  });

/**
 * Validates a cost budget. Throws `InvalidBudgetError` (code `invalid_budget`) for a negative or
 * missing limit or an unknown scope, and `InvalidWindowError` (code `invalid_window`) for a
 * period that is not a positive duration. A zero limit is valid: it stops all spending.
 */
export function defineCostBudget(input: CostBudgetInput): CostBudget {
  const name = readableName(input);
  const parsed = parseConfiguration(
    budgetSchema,
    input,
    (issues, cause) =>
      new InvalidBudgetError({ ...(name === undefined ? {} : { budget: name }), issues, cause }),
  );
  const limits: { tokens?: number; usd?: number } = {};
  if (parsed.tokens !== undefined) limits.tokens = parsed.tokens;
  if (parsed.usd !== undefined) limits.usd = parsed.usd;
  return Object.freeze({
    name: parsed.name,
    scope: Object.freeze([...parsed.scope]),
    periodMs: parseWindow(parsed.period as WindowInput, `cost budget '${parsed.name}'.period`),
    limits: Object.freeze(limits),
    actionTypes:
      parsed.actionTypes === undefined ? undefined : Object.freeze([...parsed.actionTypes]),
  });
}
