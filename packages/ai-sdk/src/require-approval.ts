import {
  type ActionCatalog,
  type Clock,
  type Decision,
  GuardloopError,
  needsHumanApproval,
} from '@guardloop/core';
import type { AnyActionDefinition, ApprovalToken } from '@guardloop/undo-log';
import type { ModelMessage } from 'ai';
import { type ApprovalBinding, bindingDifferences } from './approval/approval-binding';
import type { BoundedMap } from './bounded-map';
import { ApprovalMismatchError } from './errors/approval-mismatch-error';
import { ApprovalUnverifiedError } from './errors/approval-unverified-error';
import { ToolCallEscalatedError } from './errors/tool-call-escalated-error';
import { type FoundApproval, findApproval } from './find-approval';
import type { ApprovalCheck } from './guarded-tools-options';

/** A call waits for a human when a rail escalated it, or when core says its action does. */
export const needsHuman = (
  action: AnyActionDefinition,
  decision: Decision,
  actions: ActionCatalog,
): boolean =>
  decision.verdict === 'escalate' || needsHumanApproval({ name: action.name }, { actions });

export const humanReason = (action: AnyActionDefinition, decision: Decision) =>
  decision.verdict === 'escalate'
    ? decision.reason
    : `'${action.name}' is irreversible: a human must approve it.`;

interface RequireApprovalOptions {
  toolName: string;
  input: unknown;
  action: AnyActionDefinition;
  decision: Decision;
  messages: readonly ModelMessage[];
  idempotencyKey: string;
  clock: Clock;
  /** The call about to run. */
  binding: ApprovalBinding;
  /** The call this process asked a human about, when it did. */
  requested: ApprovalBinding | undefined;
  /** The call each approval id already ran, per approval id (this process). */
  spent: BoundedMap<ApprovalBinding>;
  verifyApproval: ((check: ApprovalCheck) => boolean | Promise<boolean>) | undefined;
  unsafeTrustClientApprovals: boolean;
  abortSignal: AbortSignal | undefined;
}

/**
 * The undo log's approval token for a call that needs a human, from the human's answer in the
 * conversation, bound to this exact call and verified on the server (fail closed).
 * @throws ToolCallEscalatedError when there is no approval or it was declined
 * @throws ApprovalMismatchError when the approval was given for another input, action or actor
 * @throws ApprovalUnverifiedError when nothing on the server vouches for the approval
 */
export async function requireApproval(options: RequireApprovalOptions): Promise<ApprovalToken> {
  const { toolName, action, decision, idempotencyKey, clock, binding, requested } = options;
  const found = findApproval(options.messages, binding.toolCallId);
  const fail = (reason: string) => new ToolCallEscalatedError({ toolName, reason, decision });
  if (!found) throw fail(humanReason(action, decision));
  if (!found.approved)
    throw fail(`the approver declined${found.reason ? `: ${found.reason}` : ''}`);
  const { approvalId } = found;
  // This process asked about another input: the conversation was edited after the request.
  const changed = requested ? bindingDifferences(requested, binding) : [];
  if (changed.length > 0)
    throw new ApprovalMismatchError({ toolName, approvalId, fields: changed });
  // The client copied an approval it got for another call into this one.
  const spentOn = options.spent.get(approvalId);
  const replayed = spentOn ? bindingDifferences(spentOn, binding) : [];
  if (replayed.length > 0)
    throw new ApprovalMismatchError({ toolName, approvalId, fields: replayed });

  if (options.verifyApproval) {
    await verifyWithHost(options.verifyApproval, {
      toolName,
      input: options.input,
      decision,
      approval: found,
      binding,
      abortSignal: options.abortSignal,
    });
  } else if (options.unsafeTrustClientApprovals !== true) {
    throw new ApprovalUnverifiedError({
      toolName,
      approvalId,
      reason:
        'approvals written by the client are not trusted: pass verifyApproval to check them on the server',
    });
  }
  options.spent.set(approvalId, binding);
  return {
    approvedBy: `ai-sdk-approval:${approvalId}`,
    approvedAt: clock.now(),
    actionName: action.name,
    idempotencyKey,
  };
}

/**
 * Asks the host's `verifyApproval` about an approval found in the conversation: anything but
 * `true` refuses it (`approval_unverified`); a thrown guardloop error passes through.
 */
export async function verifyWithHost(
  verifyApproval: (check: ApprovalCheck) => boolean | Promise<boolean>,
  check: {
    toolName: string;
    input: unknown;
    decision: Decision;
    approval: FoundApproval;
    binding: ApprovalBinding;
    abortSignal: AbortSignal | undefined;
  },
): Promise<void> {
  const { toolName, binding, approval, abortSignal } = check;
  const { approvalId } = approval;
  let verified: unknown;
  try {
    verified = await verifyApproval({
      traceId: binding.traceId,
      toolName,
      toolCallId: binding.toolCallId,
      input: check.input,
      decision: check.decision,
      approval,
      binding,
      ...(abortSignal ? { abortSignal } : {}),
    });
  } catch (error) {
    if (GuardloopError.isInstance(error)) throw error;
    throw new ApprovalUnverifiedError({
      toolName,
      approvalId,
      reason: 'verifyApproval failed',
      cause: error,
    });
  }
  if (verified !== true) {
    throw new ApprovalUnverifiedError({
      toolName,
      approvalId,
      reason: 'the approval could not be verified',
    });
  }
}
