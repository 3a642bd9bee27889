import { z } from 'zod';
import { confirmerTypeSchema, type Ticket } from '../schemas/ticket';

/** Actor ids that are never the customer, whatever type a confirmation claims. */
export const defaultAutomatedActors = ['ai', 'system'] as const;

/** What a caller passes to confirm: the confirmer is required, there is no default. */
export const confirmationInputSchema = z.strictObject({
  by: z.string().trim().min(1, 'the confirmer is required'),
  /** `customer` (default) or `human` (an agent recording what the customer said). */
  byType: confirmerTypeSchema.default('customer'),
  note: z.string().optional(),
});
export type ConfirmationInput = z.input<typeof confirmationInputSchema>;
export type Confirmation = z.output<typeof confirmationInputSchema>;

/**
 * Why a confirmation does not come from the customer side, or undefined when it does. Applied
 * when confirming and again when closing, so a stored confirmation naming the AI never counts.
 */
export function confirmerProblem(
  confirmation: { by?: unknown; byType?: unknown } | undefined,
  automatedActors: ReadonlySet<string>,
): string | undefined {
  if (confirmation === undefined) return 'no confirmation recorded';
  const { by, byType } = confirmation;
  if (typeof by !== 'string' || by.trim().length === 0) return 'the confirmer is missing';
  if (byType === 'ai' || byType === 'system') {
    return `a confirmation by an ${byType} actor is not the customer's`;
  }
  // Fail closed: a stored confirmation that does not say who confirmed (hand-written, or
  // recorded before `byType` existed) could be anyone's, the AI's included.
  if (byType !== 'customer' && byType !== 'human') {
    return 'the confirmation does not say it came from the customer side (byType)';
  }
  if (automatedActors.has(by.trim())) return `'${by}' is an automated actor, not the customer`;
  return undefined;
}

/** True when an external ticket's recorded confirmation lets it close. */
export function confirmationCounts(ticket: Ticket, automatedActors: ReadonlySet<string>): boolean {
  return confirmerProblem(ticket.customerConfirmation, automatedActors) === undefined;
}
