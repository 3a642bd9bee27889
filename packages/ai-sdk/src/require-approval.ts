import type { Clock, Decision } from '@guardloop/core';
import type { AnyActionDefinition, ApprovalToken } from '@guardloop/undo-log';
import type { ModelMessage } from 'ai';
import { ToolCallEscalatedError } from './errors/tool-call-escalated-error';
import { findApproval } from './find-approval';
import type { ApprovalCheck } from './guarded-tools-options';

export const needsHuman = (action: AnyActionDefinition, decision: Decision) =>
  decision.verdict === 'escalate' || !action.reversible;

export const humanReason = (action: AnyActionDefinition, decision: Decision) =>
  decision.verdict === 'escalate'
    ? decision.reason
    : `'${action.name}' is irreversible: a human must approve it.`;

interface RequireApprovalOptions {
  traceId: string;
  toolName: string;
  toolCallId: string;
  input: unknown;
  action: AnyActionDefinition;
  decision: Decision;
  messages: readonly ModelMessage[];
  idempotencyKey: string;
  clock: Clock;
  verifyApproval: ((check: ApprovalCheck) => boolean | Promise<boolean>) | undefined;
}

/**
 * The undo log's approval token for a call that needs a human, from the human's answer in the
 * conversation (checked by `verifyApproval` when given).
 * @throws ToolCallEscalatedError when there is no approval, it was declined, or it is not verified
 */
export async function requireApproval(options: RequireApprovalOptions): Promise<ApprovalToken> {
  const { toolName, action, decision, idempotencyKey, clock, verifyApproval } = options;
  const found = findApproval(options.messages, options.toolCallId);
  const fail = (reason: string) => new ToolCallEscalatedError({ toolName, reason, decision });
  if (!found) throw fail(humanReason(action, decision));
  if (!found.approved)
    throw fail(`the approver declined${found.reason ? `: ${found.reason}` : ''}`);
  if (verifyApproval) {
    const { traceId, toolCallId, input } = options;
    const verified = await verifyApproval({
      traceId,
      toolName,
      toolCallId,
      input,
      decision,
      approval: found,
    });
    if (verified !== true) throw fail('the approval could not be verified');
  }
  return {
    approvedBy: `ai-sdk-approval:${found.approvalId}`,
    approvedAt: clock.now(),
    actionName: action.name,
    idempotencyKey,
  };
}
