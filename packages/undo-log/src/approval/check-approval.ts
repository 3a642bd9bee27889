import type { Actor } from '@guardloop/core';
import { ApprovalRejectedError } from '../errors/approval-rejected-error';
import { ApprovalRequiredError } from '../errors/approval-required-error';
import type { ApprovalToken, VerifyApproval } from './approval-token';

export interface ApprovalCheck {
  actionName: string;
  idempotencyKey: string;
  input: unknown;
  actor: Actor;
  now: number;
  approval: ApprovalToken | undefined;
}

/** Irreversible actions run only with a token that `verify` accepts; a throwing verifier refuses. */
export async function checkApproval(verify: VerifyApproval, check: ApprovalCheck): Promise<void> {
  if (!check.approval) throw new ApprovalRequiredError({ actionName: check.actionName });
  let approved: boolean;
  try {
    approved = await verify(check.approval, {
      actionName: check.actionName,
      idempotencyKey: check.idempotencyKey,
      input: check.input,
      actorId: check.actor.id,
      now: check.now,
    });
  } catch (error) {
    throw new ApprovalRejectedError({ actionName: check.actionName, cause: error });
  }
  if (approved !== true) throw new ApprovalRejectedError({ actionName: check.actionName });
}
