import {
  type ActionRequest,
  type ActorInput,
  actorSchema,
  type Clock,
  type Decision,
  evaluateRails,
  InvalidInputError,
  parseInput,
  type Rail,
  randomIdGenerator,
  systemClock,
  validateRails,
} from '@guardloop/core';
import type { AnyActionDefinition, UndoLog, UndoTraceResult } from '@guardloop/undo-log';
import { type Tool, type ToolApprovalStatus, tool } from 'ai';
import type { z } from 'zod';
import { ToolCallDeniedError } from './errors/tool-call-denied-error';
import { ToolCallEscalatedError } from './errors/tool-call-escalated-error';
import { findApproval } from './find-approval';
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
interface ToolCallLike {
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

/**
 * Wraps undo-log actions as AI SDK tools whose every call passes the rails and runs through the
 * undo log (idempotency key = tool call id). Escalations surface as tool approvals.
 * @throws InvalidInputError / InvalidRailError for malformed options
 */
export function createGuardedTools<Definitions extends Record<string, GuardedToolDefinition>>(
  options: GuardedToolsOptions<Definitions>,
): GuardedToolSet<Definitions> {
  const {
    tools: definitions,
    undoLog,
    rails = [],
    clock = systemClock,
    railTimeoutMs,
    onDecision,
  } = options ?? {};
  const actor = parseInput(actorSchema, options?.actor, 'actor');
  validateRails(rails);
  if (typeof undoLog?.run !== 'function') {
    throw new InvalidInputError({
      subject: 'guarded tools options',
      issues: [{ path: 'undoLog', message: 'Expected an UndoLog' }],
    });
  }
  const entries = Object.entries(definitions ?? {});
  for (const [name, definition] of entries) {
    if (
      typeof definition?.action?.do !== 'function' ||
      typeof definition.action.name !== 'string'
    ) {
      throw new InvalidInputError({
        subject: 'guarded tools options',
        issues: [
          { path: `tools.${name}.action`, message: 'Expected an action from defineAction()' },
        ],
      });
    }
  }
  const traceId = options.traceId ?? randomIdGenerator();
  // Decisions made by toolApproval, reused by execute in the same process (bounded by the conversation).
  const decisions = new Map<string, Decision>();

  const decide = async (
    name: string,
    input: unknown,
    toolCallId: string,
    abortSignal?: AbortSignal,
  ) => {
    const definition = definitions[name] as GuardedToolDefinition;
    const action = toActionRequest(definition, input, toolCallId);
    const decision = await evaluateRails(
      rails,
      { traceId, actor, action, attributes: { ...options.attributes, toolName: name, toolCallId } },
      {
        clock,
        ...(railTimeoutMs ? { timeoutMs: railTimeoutMs } : {}),
        ...(abortSignal ? { abortSignal } : {}),
      },
    );
    decisions.set(toolCallId, decision);
    onDecision?.({ traceId, toolCallId, toolName: name, action, decision });
    return decision;
  };

  const tools = Object.fromEntries(
    entries.map(([name, definition]) => [
      name,
      tool({
        ...(definition.description ? { description: definition.description } : {}),
        inputSchema: definition.action.input,
        execute: async (input: unknown, { toolCallId, abortSignal, messages }) => {
          const decision =
            decisions.get(toolCallId) ?? (await decide(name, input, toolCallId, abortSignal));
          if (decision.verdict === 'deny')
            throw new ToolCallDeniedError({ toolName: name, decision });
          const approval = needsHuman(definition.action, decision)
            ? approvalFrom(
                name,
                definition.action,
                decision,
                findApproval(messages, toolCallId),
                toolCallId,
                clock,
              )
            : undefined;
          const result = await undoLog.run(definition.action as AnyActionDefinition, input, {
            idempotencyKey: toolCallId,
            traceId,
            actor,
            ...(approval ? { approval } : {}),
            ...(abortSignal ? { abortSignal } : {}),
          });
          decisions.delete(toolCallId);
          return result.status === 'dry_run' ? result.plan : result.result;
        },
      } as Tool<unknown, unknown>),
    ]),
  ) as GuardedTools<Definitions>;

  return {
    tools,
    traceId,
    async toolApproval({ toolCall }) {
      const definition = definitions[toolCall.toolName];
      if (!definition) return 'not-applicable';
      const decision = await decide(toolCall.toolName, toolCall.input, toolCall.toolCallId);
      if (decision.verdict === 'deny') return { type: 'denied', reason: decision.reason };
      if (needsHuman(definition.action, decision))
        return { type: 'user-approval', reason: humanReason(definition.action, decision) };
      return 'not-applicable';
    },
    undoAll: ({ by, reason, abortSignal }) =>
      undoLog.undoTrace(traceId, { by, reason, ...(abortSignal ? { abortSignal } : {}) }),
  };
}

function toActionRequest(
  definition: GuardedToolDefinition,
  input: unknown,
  toolCallId: string,
): ActionRequest {
  const cost = definition.cost?.(input as never);
  return {
    name: definition.action.name,
    input:
      typeof input === 'object' && input !== null
        ? (input as Record<string, unknown>)
        : { value: input },
    reversible: definition.action.reversible,
    idempotencyKey: toolCallId,
    dryRun: false,
    ...(definition.resource ? { resource: definition.resource(input as never) } : {}),
    ...(cost ? { cost: { tokens: cost.tokens ?? 0, usd: cost.usd ?? 0 } } : {}),
  };
}

const needsHuman = (action: AnyActionDefinition, decision: Decision) =>
  decision.verdict === 'escalate' || !action.reversible;

const humanReason = (action: AnyActionDefinition, decision: Decision) =>
  decision.verdict === 'escalate'
    ? decision.reason
    : `'${action.name}' is irreversible: a human must approve it.`;

/** The approval token for the undo log, from the human's answer found in the conversation. */
function approvalFrom(
  toolName: string,
  action: AnyActionDefinition,
  decision: Decision,
  found: ReturnType<typeof findApproval>,
  toolCallId: string,
  clock: Clock,
) {
  if (!found?.approved) {
    const reason = found
      ? `the approver declined${found.reason ? `: ${found.reason}` : ''}`
      : humanReason(action, decision);
    throw new ToolCallEscalatedError({ toolName, reason, decision });
  }
  return {
    approvedBy: `ai-sdk-approval:${found.approvalId}`,
    approvedAt: clock.now(),
    actionName: action.name,
    idempotencyKey: toolCallId,
  };
}
