import { z } from 'zod';
import type { Ticket } from '../schemas/ticket';
import { type Clock, systemClock } from '../utils/clock';
import { clockSchema } from '../utils/option-schemas';
import { parseInput } from '../utils/parse-input';
import {
  type AppliedTicketEvent,
  applyTicketEvent,
  type TicketCommand,
} from './apply-ticket-event';
import { defaultAutomatedActors } from './customer-confirmation';
import {
  type CriterionResult,
  evaluateResolutionCriteria,
  type ResolutionCriterion,
} from './resolution-criteria';
import { ticketTransitions } from './ticket-transitions';

export interface TicketLifecycleOptions {
  /** The definition of done, checked whenever a ticket is resolved. */
  criteria?: readonly ResolutionCriterion[];
  clock?: Clock;
  /**
   * Ids of actors that are never the customer (your AI agent, your automations): a confirmation
   * by one of them does not let an external ticket close. `ai` and `system` are always included.
   */
  automatedActors?: readonly string[];
}

/** Lifecycle options once validated: what `runTicketEvent` needs. */
export interface LifecycleSettings {
  criteria: readonly ResolutionCriterion[];
  clock: Clock;
  automatedActors: ReadonlySet<string>;
}

const optionsSchema = z
  .object({
    criteria: z
      .array(
        z.object({
          id: z.string().min(1),
          description: z.string(),
          appliesTo: z.custom<never>((value) => typeof value === 'function').optional(),
          check: z.custom<never>((value) => typeof value === 'function', 'Expected a function'),
        }),
      )
      .optional(),
    clock: clockSchema.optional(),
    automatedActors: z.array(z.string().trim().min(1)).optional(),
  })
  .optional();

/** @throws InvalidInputError for malformed options */
export function resolveLifecycleSettings(options: unknown, subject: string): LifecycleSettings {
  parseInput(optionsSchema, options, subject);
  const {
    criteria = [],
    clock = systemClock,
    automatedActors = [],
  } = (options as TicketLifecycleOptions | undefined) ?? {};
  return {
    // The caller's objects are kept (not the parsed copies): checks may rely on `this`.
    criteria: [...criteria],
    clock,
    automatedActors: new Set([
      ...defaultAutomatedActors,
      ...automatedActors.map((id) => id.trim()),
    ]),
  };
}

export interface RunTicketEventResult extends AppliedTicketEvent {
  /** Every criterion checked on the way to `resolved`, met or not; empty for other events. */
  criteria: CriterionResult[];
}

/**
 * Evaluates the configured definition of done when the command resolves the ticket, then applies
 * the command with `applyTicketEvent`. Shared by both lifecycle APIs.
 */
export async function runTicketEvent(
  ticket: Ticket,
  command: TicketCommand,
  settings: LifecycleSettings,
  { abortSignal, at }: { abortSignal?: AbortSignal | undefined; at?: number | undefined } = {},
): Promise<RunTicketEventResult> {
  let criteria: CriterionResult[] = [];
  const resolves = ticketTransitions.some(
    (edge) =>
      edge.from === ticket.status && edge.event === command.type && edge.event === 'resolve',
  );
  if (resolves) {
    criteria = await evaluateResolutionCriteria(
      ticket,
      settings.criteria,
      abortSignal ? { abortSignal } : {},
    );
  }
  const applied = applyTicketEvent(ticket, command, {
    at: at ?? settings.clock.now(),
    criteria: resolves ? criteria : undefined,
    automatedActors: settings.automatedActors,
  });
  return { ...applied, criteria };
}
