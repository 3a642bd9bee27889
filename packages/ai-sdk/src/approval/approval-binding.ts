import { parseInput } from '@guardloop/core';
import { z } from 'zod';
import { ApprovalMismatchError } from '../errors/approval-mismatch-error';

/**
 * What a human approval is for: one call of one action, by one actor, with one exact input.
 * Record it next to the approval in your back office, and compare it in `verifyApproval`
 * (`assertApprovalBinding`): an approval of `close_account{ user: 'ada' }` must not run on
 * `{ user: 'root' }`.
 */
export const approvalBindingSchema = z.object({
  traceId: z.string().min(1),
  toolCallId: z.string().min(1),
  toolName: z.string().min(1),
  actionName: z.string().min(1),
  /** The actor the action runs as (the AI's own actor). */
  actorId: z.string().min(1),
  /** SHA-256 of the input's canonical JSON (`hashToolInput`). */
  inputHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ApprovalBinding = z.output<typeof approvalBindingSchema>;

const boundFields = [
  'traceId',
  'toolCallId',
  'toolName',
  'actionName',
  'actorId',
  'inputHash',
] as const satisfies readonly (keyof ApprovalBinding)[];

/** The bound fields in which `actual` differs from `approved`. */
export function bindingDifferences(
  approved: ApprovalBinding,
  actual: ApprovalBinding,
): (keyof ApprovalBinding)[] {
  return boundFields.filter((field) => approved[field] !== actual[field]);
}

/**
 * Throws `ApprovalMismatchError` (`approval_mismatch`) unless the call about to run is the one
 * that was approved. For `verifyApproval`: compare the binding you stored with the approval.
 * @throws InvalidInputError when `approved` is not a binding
 */
export function assertApprovalBinding(
  approved: ApprovalBinding,
  actual: ApprovalBinding,
  approvalId: string,
): void {
  // `approved` usually comes back from the host's storage: a malformed one must not pass.
  const stored = parseInput(approvalBindingSchema, approved, 'approved binding');
  const fields = bindingDifferences(stored, actual);
  if (fields.length > 0) {
    throw new ApprovalMismatchError({ toolName: actual.toolName, approvalId, fields });
  }
}
