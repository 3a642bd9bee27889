import {
  type ActionRequest,
  type Actor,
  coreErrorCodes,
  type Decision,
  GuardloopError,
} from '@guardloop/core';
import type { AnyActionDefinition, ApprovalToken } from '@guardloop/undo-log';
import type { ModelMessage } from 'ai';
import type { ApprovalBinding } from '../approval/approval-binding';
import { ApprovalMismatchError } from '../errors/approval-mismatch-error';
import { ApprovalUnverifiedError } from '../errors/approval-unverified-error';
import { ToolCallEscalatedError } from '../errors/tool-call-escalated-error';
import { findApproval } from '../find-approval';
import type { ApprovalCheck } from '../guarded-tools-options';
import { humanReason, verifyWithHost } from '../require-approval';
import type { GuardedToolsInbox, GuardedToolsInboxItem } from './guarded-tools-inbox';

/** The undo log's key for an escalation's action: the one `inbox.approve` runs it under. */
export const inboxRunKey = (escalationId: string) => `inbox:${escalationId}`;

export interface InboxCall {
  inbox: GuardedToolsInbox;
  toolName: string;
  action: AnyActionDefinition;
  /** What the rails saw: the parsed input, resource... */
  request: ActionRequest;
  parsedInput: unknown;
  decision: Decision;
  binding: ApprovalBinding;
  actor: Actor;
  /** The inbox keeps one item per trace: one trace per tool call makes it one item per call. */
  escalationTraceId: string;
  abortSignal: AbortSignal | undefined;
}

/** Stores the call as an inbox item, or returns the one already stored for this call. */
export async function escalateCall(call: InboxCall): Promise<GuardedToolsInboxItem> {
  try {
    return await escalateWith(call, true);
  } catch (error) {
    // A rail's evidence no store can keep (a Map, a cycle...) must not keep the call from a
    // reviewer: file it without the evidence. Anything else about the call fails as before.
    if (!GuardloopError.hasCode(error, coreErrorCodes.invalidInput)) throw error;
    return await escalateWith(call, false);
  }
}

function escalateWith(call: InboxCall, withEvidence: boolean): Promise<GuardedToolsInboxItem> {
  const { decision, abortSignal } = call;
  const decidedBy = decision.verdict === 'escalate' ? decision.decidedBy : undefined;
  const evidence = withEvidence
    ? decision.rails.find((rail) => rail.rail === decidedBy)?.evidence
    : undefined;
  const verdicts = withEvidence
    ? decision.rails
    : decision.rails.map(({ evidence: _dropped, ...verdict }) => verdict);
  return call.inbox.escalate({
    traceId: call.escalationTraceId,
    action: {
      name: call.action.name,
      input: call.parsedInput,
      ...(call.request.resource ? { resource: call.request.resource } : {}),
    },
    requestedBy: call.actor,
    ...(decidedBy ? { rail: decidedBy } : {}),
    reason: humanReason(call.action, decision),
    ...(evidence !== undefined ? { evidence } : {}),
    verdicts,
    ...(abortSignal ? { abortSignal } : {}),
  });
}

/** The reason shown with the tool approval request: the rail's, and where the item waits. */
export const inboxReason = (item: GuardedToolsInboxItem) =>
  `${item.reason} (inbox escalation ${item.id})`;

export type InboxOutcome =
  /** The inbox ran the approved action: its result, nothing runs again. */
  | { kind: 'recorded'; result: unknown }
  /** Approved, not run yet (or cut off): run under the inbox's key, so any earlier run replays. */
  | { kind: 'run'; approval: ApprovalToken; idempotencyKey: string; escalationTraceId: string };

/**
 * The inbox's answer for a call that needs a human. The client's approval in the conversation
 * only says "try now": the call runs only when the inbox holds an approval of this item, for
 * this action and this exact input hash. Client-written approvals are never trusted.
 * @throws ToolCallEscalatedError when the conversation holds no approval, or a declining one
 * @throws ApprovalUnverifiedError when the inbox holds no approval (pending, rejected, failed)
 * @throws ApprovalMismatchError when the item or its approval is for another action or input
 */
export async function requireInboxApproval(
  call: InboxCall & {
    messages: readonly ModelMessage[];
    verifyApproval: ((check: ApprovalCheck) => boolean | Promise<boolean>) | undefined;
  },
): Promise<InboxOutcome> {
  const { toolName, binding, decision, abortSignal } = call;
  // Idempotent per call: the item toolApproval stored, or a new one if it never ran.
  const escalated = await escalateCall(call);
  const item = await call.inbox.get(escalated.id, abortSignal ? { abortSignal } : undefined);
  const found = findApproval(call.messages, binding.toolCallId);
  const fail = (reason: string) => new ToolCallEscalatedError({ toolName, reason, decision });
  if (!found) throw fail(inboxReason(item));
  if (!found.approved)
    throw fail(`the approver declined${found.reason ? `: ${found.reason}` : ''}`);
  const { approvalId } = found;
  // The item was stored for another input: the client edited the call after the escalation.
  const fields: (keyof ApprovalBinding)[] = [];
  if (item.traceId !== call.escalationTraceId) fields.push('traceId');
  if (item.action?.name !== binding.actionName) fields.push('actionName');
  if (item.inputHash !== binding.inputHash) fields.push('inputHash');
  if (fields.length > 0) throw new ApprovalMismatchError({ toolName, approvalId, fields });
  const unverified = (reason: string) =>
    new ApprovalUnverifiedError({ toolName, approvalId, reason });
  if (item.status === 'pending')
    throw unverified(`the inbox holds no decision on escalation ${item.id} yet`);
  if (item.status === 'rejected') throw unverified(`the reviewer rejected escalation ${item.id}`);
  if (item.status === 'failed')
    throw unverified(
      `the approved action of escalation ${item.id} failed in the inbox (${item.error?.code ?? 'unknown'})`,
    );
  const approved = item.decision;
  if (!approved || approved.kind === 'reject')
    throw unverified(`the inbox holds no approval of escalation ${item.id}`);
  // An approval with edits runs another input than this call's: it is not this call's approval.
  if (approved.inputHash !== binding.inputHash)
    throw new ApprovalMismatchError({ toolName, approvalId, fields: ['inputHash'] });
  if (call.verifyApproval) {
    await verifyWithHost(call.verifyApproval, {
      toolName,
      input: call.parsedInput,
      decision,
      approval: found,
      binding,
      abortSignal,
    });
  }
  const ran = item.history.some((entry) => entry.type === 'action_completed');
  if (item.status === 'approved' && ran) return { kind: 'recorded', result: item.result };
  return {
    kind: 'run',
    idempotencyKey: inboxRunKey(item.id),
    escalationTraceId: call.escalationTraceId,
    // The token `inbox.approve` runs with, so `createInboxApprovalVerifier` accepts it too.
    approval: {
      approvedBy: approved.reviewer.id,
      approvedAt: approved.at,
      actionName: binding.actionName,
      idempotencyKey: inboxRunKey(item.id),
      signature: binding.inputHash,
    },
  };
}
