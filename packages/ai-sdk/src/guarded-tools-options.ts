import type { ActionRequest, ActorInput, Clock, Decision, Rail } from '@guardloop/core';
import type { UndoLog, UndoTraceResult } from '@guardloop/undo-log';
import type { Tool, ToolApprovalStatus } from 'ai';
import type { z } from 'zod';
import type { FoundApproval } from './find-approval';
import type { GuardedToolDefinition } from './guarded-tool-definition';

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
   * Checks a human approval found in the conversation before an escalated or irreversible call
   * runs. Conversations usually come from the client: in a customer-facing chat, check with your
   * back office who approved `approvalId`, or the customer could approve their own escalation.
   * Default: any approval in the conversation is accepted.
   */
  verifyApproval?: (check: ApprovalCheck) => boolean | Promise<boolean>;
}

export interface ApprovalCheck {
  traceId: string;
  toolName: string;
  toolCallId: string;
  input: unknown;
  decision: Decision;
  approval: FoundApproval;
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
  /** Rolls back every action this conversation ran, newest first. */
  undoAll(options: {
    by: ActorInput;
    reason: string;
    abortSignal?: AbortSignal;
  }): Promise<UndoTraceResult>;
}
