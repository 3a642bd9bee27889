import type { ActionRequest } from '@guardloop/core';
import type { GuardedToolDefinition } from './guarded-tool-definition';

/** What the rails see of a tool call: the action, its input, resource and cost. */
export function toActionRequest(
  definition: GuardedToolDefinition,
  input: unknown,
  idempotencyKey: string,
): ActionRequest {
  const cost = definition.cost?.(input as never);
  return {
    name: definition.action.name,
    input:
      typeof input === 'object' && input !== null
        ? (input as Record<string, unknown>)
        : { value: input },
    reversible: definition.action.reversible,
    idempotencyKey,
    dryRun: false,
    ...(definition.resource ? { resource: definition.resource(input as never) } : {}),
    ...(cost ? { cost: { tokens: cost.tokens ?? 0, usd: cost.usd ?? 0 } } : {}),
  };
}
