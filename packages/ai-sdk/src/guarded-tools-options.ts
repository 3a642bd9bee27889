import type { ActionRequest, ActorInput, Clock, Decision, Rail } from '@guardloop/core';
import type { UndoLog, UndoTraceResult } from '@guardloop/undo-log';
import type { Tool, ToolApprovalStatus } from 'ai';
import type { z } from 'zod';
import type { ApprovalBinding } from './approval/approval-binding';
import type { FoundApproval } from './find-approval';
import type { GuardedToolDefinition } from './guarded-tool-definition';
import type { GuardedToolsInbox } from './inbox/guarded-tools-inbox';

export interface GuardedToolsOptions<Definitions extends Record<string, GuardedToolDefinition>> {
  tools: Definitions;
  undoLog: UndoLog;
  rails?: readonly Rail[];
  /** Who the model acts as: usually the AI's own actor, with keys to specific doors only. */
  actor: ActorInput;
  /** Ties every call of this conversation together (decisions, undo log, outcomes). Default: random. */
  traceId?: string;
  /** Passed to the rails as `attributes` (ticket, customer plan...). */
  attributes?: Record<string, unknown>;
  clock?: Clock;
  railTimeoutMs?: number;
  /** Called with every rail decision, for tracing and the feedback recorder. */
  onDecision?: (event: ToolDecisionEvent) => void;
  /**
   * Verifies, on the server, a human approval found in the conversation before an escalated or
   * irreversible call runs. The conversation comes from the client, so the approval in it proves
   * nothing by itself: look up who approved `approval.approvalId` in your back office, and that
   * they approved exactly `binding` (actor, action, input hash: `assertApprovalBinding`). Return
   * `true` to let the call run; `false` refuses it (`approval_unverified`), and a thrown guardloop
   * error (e.g. `approval_mismatch`) passes through. Without it, approvals are refused unless
   * `unsafeTrustClientApprovals` is set.
   */
  verifyApproval?: (check: ApprovalCheck) => boolean | Promise<boolean>;
  /**
   * DEMOS AND TRUSTED COPILOTS ONLY: accept any approval the client writes into the
   * conversation, with no server-side check. Whoever sends the messages can then approve
   * escalated and irreversible calls. Default `false` (fail closed). Ignored when
   * `verifyApproval` is given.
   */
  unsafeTrustClientApprovals?: boolean;
  /**
   * A durable inbox (`createInbox` from `@guardloop/inbox`) for calls that need a human: each
   * becomes an inbox item (once per call) whose id the approval request's reason carries, and
   * an approval in the conversation counts only when the inbox holds an approval of that item
   * for the exact input hash. When the inbox already ran the action (`inbox.approve` with an
   * undo log), `execute` returns the recorded result instead of running it again. Client-written
   * approvals are never trusted with it: `unsafeTrustClientApprovals` is refused
   * (`invalid_input`); `verifyApproval`, when given, is consulted as well.
   */
  inbox?: GuardedToolsInbox;
  /** Rail decisions kept between `toolApproval` and `execute`; the oldest are evicted. Default 1000. */
  maxCachedDecisions?: number;
}

export interface ApprovalCheck {
  traceId: string;
  toolName: string;
  toolCallId: string;
  input: unknown;
  decision: Decision;
  /** The approval as found in the (client-written) conversation. */
  approval: FoundApproval;
  /** The call about to run, computed on the server from the input that will run. */
  binding: ApprovalBinding;
  abortSignal?: AbortSignal;
}

export interface ToolDecisionEvent {
  traceId: string;
  toolCallId: string;
  toolName: string;
  action: ActionRequest;
  decision: Decision;
}

export type GuardedTools<Definitions extends Record<string, GuardedToolDefinition>> = {
  [Name in keyof Definitions]: Tool<z.input<Definitions[Name]['action']['input']>, unknown>;
};

/** A tool call as the AI SDK hands it to `toolApproval`. */
export interface ToolCallLike {
  toolName: string;
  toolCallId: string;
  input: unknown;
}

export interface GuardedToolSet<Definitions extends Record<string, GuardedToolDefinition>> {
  /** Pass as `tools` to `generateText` / `streamText` / an agent. */
  tools: GuardedTools<Definitions>;
  /**
   * Pass as `toolApproval`: rails that allow let the call run, a deny refuses it, an escalation
   * (or an irreversible action) becomes a tool approval request with the rail's reason.
   */
  toolApproval: (options: { toolCall: ToolCallLike }) => Promise<ToolApprovalStatus>;
  traceId: string;
  /**
   * The binding of an approval for this call (actor, action, input hash...). Store it with the
   * approval request your reviewer sees, and compare it in `verifyApproval`.
   * @throws InvalidInputError for an unknown tool or a malformed tool call
   */
  approvalBindingOf(toolCall: ToolCallLike): ApprovalBinding;
  /** Rolls back every action this conversation ran, newest first. */
  undoAll(options: {
    by: ActorInput;
    reason: string;
    abortSignal?: AbortSignal;
  }): Promise<UndoTraceResult>;
}
