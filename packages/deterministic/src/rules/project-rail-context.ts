import type {
  ActionRequest,
  Actor,
  Hypothesis,
  Intent,
  RailContext,
  Signal,
} from '@guardloop/core';

/**
 * What json-logic rules see, read with `{ "var": "path" }`:
 * - `traceId`: the decision's trace id;
 * - `now`: epoch milliseconds from the rail's clock (for time-of-day or age rules);
 * - `actor`: `{ id, type: 'human' | 'ai' | 'system', roles, tenant? }`;
 * - `action`: the ActionRequest `{ name, input, resource?, reversible, dryRun, cost? }`;
 * - `signal`, `intent`, `hypothesis`: as in the RailContext;
 * - `attributes`: the host's extra data (ticket, customer plan...).
 * Absent parts read as `null` (or the `var` default), so a rule can test for them with `missing`.
 */
export interface RuleData {
  traceId: string;
  now: number;
  actor: Actor;
  action: ActionRequest | undefined;
  signal: Signal | undefined;
  intent: Intent | undefined;
  hypothesis: Hypothesis | undefined;
  attributes: Record<string, unknown> | undefined;
}

/** The default projection of a RailContext for json-logic rules; see `RuleData` for its fields. */
export function projectRailContext(context: RailContext, now: number): RuleData {
  return {
    traceId: context.traceId,
    now,
    actor: context.actor,
    action: context.action,
    signal: context.signal,
    intent: context.intent,
    hypothesis: context.hypothesis,
    attributes: context.attributes,
  };
}
