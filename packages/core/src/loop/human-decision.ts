import { z } from 'zod';
import { actorSchema } from '../schemas/actor';

/** What a human decided on an escalation, in the vocabulary of the feedback outcomes. */
export const humanDecisionKinds = ['approved', 'approved_with_edits', 'rejected'] as const;

const reviewer = actorSchema;
const escalationId = z.string().min(1);

/**
 * A human's decision on an escalation the loop wrote to its inbox, as the loop machine takes it
 * (`{ type: 'human.decided', decision }`). The inbox runs an approved action itself (through
 * the undo log), so an approval carries what ran and its result, or the error it failed with.
 */
export const humanDecisionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.enum(['approved', 'approved_with_edits']),
    escalationId,
    reviewer,
    /** The input that ran: the edited one for `approved_with_edits`. */
    input: z.record(z.string(), z.unknown()),
    result: z.unknown(),
    /** Set when the approved action failed. */
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  }),
  z.object({
    kind: z.literal('rejected'),
    escalationId,
    reviewer,
    reason: z.string().optional(),
  }),
]);

export type HumanDecision = z.output<typeof humanDecisionSchema>;

/** The event that resumes a loop machine waiting in `awaiting_human`. */
export interface HumanDecidedEvent {
  type: 'human.decided';
  decision: HumanDecision;
}
