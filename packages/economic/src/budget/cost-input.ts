import { parseInput, type RailContext } from '@guardloop/core';
import { z } from 'zod';
import type { CostCharge } from './cost-line';

// zod 4 numbers reject NaN and ±Infinity; a negative cost would give budget room back.
const amount = z.number().nonnegative('costs are never negative');
const costSchema = z.object({ tokens: amount, usd: amount });

const contextSchema = z.looseObject({
  actor: z.looseObject({ id: z.string(), tenant: z.string().optional() }),
  action: z.looseObject({ name: z.string().min(1), cost: costSchema.optional() }).optional(),
});

const lineSchema = z.looseObject({
  key: z.string().min(1),
  dimension: z.enum(['tokens', 'usd']),
  periodStart: z.int(),
  cost: amount,
});
const chargeSchema = z.looseObject({
  applied: z.boolean(),
  lines: z.array(lineSchema),
});

const isAmount = (value: unknown) => typeof value === 'number' && value >= 0 && value < Infinity;

/** The cost fields `costLines` reads, checked without zod on the hot path. */
function isWellFormed(context: unknown): boolean {
  if (typeof context !== 'object' || context === null) return false;
  const { actor, action } = context as Partial<RailContext>;
  if (typeof actor !== 'object' || actor === null || typeof actor.id !== 'string') return false;
  if (action === undefined) return true;
  if (typeof action !== 'object' || action === null) return false;
  if (typeof action.name !== 'string' || action.name.length === 0) return false;
  const cost = action.cost as unknown;
  if (cost === undefined) return true;
  if (typeof cost !== 'object' || cost === null) return false;
  const { tokens, usd } = cost as Record<string, unknown>;
  return isAmount(tokens) && isAmount(usd);
}

/**
 * Checks the decision a cost is charged for: throws `InvalidInputError` (code `invalid_input`)
 * for a cost that is negative, NaN or infinite (which would add room to a budget or poison its
 * counter) and for a context without an actor or with a nameless action.
 */
export function parseCostContext(context: unknown, subject: string): RailContext {
  if (!isWellFormed(context)) parseInput(contextSchema, context, subject);
  return context as RailContext;
}

/** Checks a charge given back to `refund`: its lines must be ones `charge` could have made. */
export function parseCostCharge(charge: unknown, subject: string): CostCharge {
  parseInput(chargeSchema, charge, subject);
  return charge as CostCharge;
}
