import { z } from 'zod';

/**
 * Proof that a human approved one irreversible run: bound to the action name and the
 * idempotency key, so it cannot be replayed for another action or another run. `signature`
 * is free for a custom `verifyApproval` (e.g. an HMAC issued by the approval UI).
 */
export const approvalTokenSchema = z.object({
  approvedBy: z.string().min(1),
  /** Epoch ms. */
  approvedAt: z.number().int().nonnegative(),
  actionName: z.string().min(1),
  idempotencyKey: z.string().min(1),
  signature: z.string().min(1).optional(),
});
export type ApprovalToken = z.output<typeof approvalTokenSchema>;

/** What the token is checked against. */
export interface ApprovalRequest {
  actionName: string;
  idempotencyKey: string;
  input: unknown;
  actorId: string;
  /** Epoch ms from the undo log's clock. */
  now: number;
}

/** Returns true when the token authorises this run. May be async (e.g. a lookup). */
export type VerifyApproval = (
  token: ApprovalToken,
  request: ApprovalRequest,
) => boolean | Promise<boolean>;
