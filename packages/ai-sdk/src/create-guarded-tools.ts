import {
  actorSchema,
  type Decision,
  evaluateRails,
  InvalidInputError,
  parseInput,
  randomIdGenerator,
  systemClock,
  validateRails,
} from '@guardloop/core';
import type { AnyActionDefinition } from '@guardloop/undo-log';
import { type ModelMessage, type Tool, tool } from 'ai';
import { ToolCallDeniedError } from './errors/tool-call-denied-error';
import type { GuardedToolDefinition } from './guarded-tool-definition';
import type { GuardedToolSet, GuardedTools, GuardedToolsOptions } from './guarded-tools-options';
import { humanReason, needsHuman, requireApproval } from './require-approval';
import { toActionRequest } from './to-action-request';

/**
 * Wraps undo-log actions as AI SDK tools whose every call passes the rails and runs through the
 * undo log (idempotency key: trace id + tool call id). Escalations surface as tool approvals.
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
  } = options ?? {};
  const actor = parseInput(actorSchema, options?.actor, 'actor');
  validateRails(rails);
  const invalid = (path: string, message: string) =>
    new InvalidInputError({ subject: 'guarded tools options', issues: [{ path, message }] });
  if (typeof undoLog?.run !== 'function') throw invalid('undoLog', 'Expected an UndoLog');
  const entries = Object.entries(definitions ?? {});
  for (const [name, definition] of entries) {
    if (
      typeof definition?.action?.do !== 'function' ||
      typeof definition.action.name !== 'string'
    ) {
      throw invalid(`tools.${name}.action`, 'Expected an action from defineAction()');
    }
  }
  const traceId = options.traceId ?? randomIdGenerator();
  // Providers number tool calls per conversation (`call-1`...): scope the key to this trace.
  const idempotencyKeyOf = (toolCallId: string) => `${traceId}:${toolCallId}`;
  // Decisions made by toolApproval, reused by execute in the same process.
  const decisions = new Map<string, Decision>();

  const decide = async (
    name: string,
    input: unknown,
    toolCallId: string,
    abortSignal?: AbortSignal,
  ) => {
    const action = toActionRequest(
      definitions[name] as GuardedToolDefinition,
      input,
      idempotencyKeyOf(toolCallId),
    );
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
    options.onDecision?.({ traceId, toolCallId, toolName: name, action, decision });
    return decision;
  };

  const execute =
    (name: string, definition: GuardedToolDefinition) =>
    async (
      input: unknown,
      {
        toolCallId,
        abortSignal,
        messages,
      }: { toolCallId: string; abortSignal?: AbortSignal; messages: ModelMessage[] },
    ) => {
      const decision =
        decisions.get(toolCallId) ?? (await decide(name, input, toolCallId, abortSignal));
      if (decision.verdict === 'deny') throw new ToolCallDeniedError({ toolName: name, decision });
      const idempotencyKey = idempotencyKeyOf(toolCallId);
      const approval = needsHuman(definition.action, decision)
        ? await requireApproval({
            traceId,
            toolName: name,
            toolCallId,
            input,
            action: definition.action,
            decision,
            messages,
            idempotencyKey,
            clock,
            verifyApproval: options.verifyApproval,
          })
        : undefined;
      const result = await undoLog.run(definition.action as AnyActionDefinition, input, {
        idempotencyKey,
        traceId,
        actor,
        ...(approval ? { approval } : {}),
        ...(abortSignal ? { abortSignal } : {}),
      });
      decisions.delete(toolCallId);
      return result.status === 'dry_run' ? result.plan : result.result;
    };

  const tools = Object.fromEntries(
    entries.map(([name, definition]) => [
      name,
      tool({
        ...(definition.description ? { description: definition.description } : {}),
        inputSchema: definition.action.input,
        execute: execute(name, definition),
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
      if (needsHuman(definition.action, decision)) {
        return { type: 'user-approval', reason: humanReason(definition.action, decision) };
      }
      return 'not-applicable';
    },
    undoAll: ({ by, reason, abortSignal }) =>
      undoLog.undoTrace(traceId, { by, reason, ...(abortSignal ? { abortSignal } : {}) }),
  };
}
