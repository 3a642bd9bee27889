import { type ActionRequest, InvalidInputError, parseInput } from '@guardloop/core';
import { z } from 'zod';
import type { GuardedToolDefinition } from './guarded-tool-definition';

// z.number() refuses NaN and ±Infinity; a negative cost would give budget room back.
const costSchema = z.object({
  tokens: z.number().nonnegative().optional(),
  usd: z.number().nonnegative().optional(),
});

/**
 * What the rails see of a tool call: the action, its input, resource and cost.
 * @throws InvalidInputError when `cost()` or `resource()` returns something malformed
 */
export function toActionRequest(
  toolName: string,
  definition: GuardedToolDefinition,
  input: unknown,
  idempotencyKey: string,
): ActionRequest {
  const rawCost = definition.cost?.(input as never);
  const cost =
    rawCost === undefined
      ? undefined
      : parseInput(costSchema, rawCost, `cost of tool '${toolName}'`);
  const resource = definition.resource?.(input as never);
  if (definition.resource && (typeof resource !== 'string' || resource.length === 0)) {
    throw new InvalidInputError({
      subject: `resource of tool '${toolName}'`,
      issues: [{ path: '', message: 'Expected a non-empty string' }],
    });
  }
  return {
    name: definition.action.name,
    input:
      typeof input === 'object' && input !== null
        ? (input as Record<string, unknown>)
        : { value: input },
    reversible: definition.action.reversible,
    idempotencyKey,
    dryRun: false,
    ...(resource ? { resource } : {}),
    ...(cost ? { cost: { tokens: cost.tokens ?? 0, usd: cost.usd ?? 0 } } : {}),
  };
}
