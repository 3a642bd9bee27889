import { allow, createManualClock, type Rail } from '@guardloop/core';
import { createMemoryUndoLogStore, createUndoLog, defineAction } from '@guardloop/undo-log';
import type { ModelMessage } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { type Mock, vi } from 'vitest';
import { z } from 'zod';
import { createGuardedTools } from '../create-guarded-tools';
import { type GuardedToolDefinition, guardedTool } from '../guarded-tool-definition';
import type { GuardedToolsOptions, ToolDecisionEvent } from '../guarded-tools-options';

export const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 5, text: 5, reasoning: 0 },
};

/** A model that calls `toolName` once, then answers with text after seeing the tool result. */
export function modelCalling(toolName: string, input: unknown, toolCallId = 'call-1') {
  return new MockLanguageModelV4({
    doGenerate: async ({ prompt }) => {
      const sawResult = prompt.some(
        (message) =>
          message.role === 'tool' && message.content.some((part) => part.type === 'tool-result'),
      );
      return sawResult
        ? {
            content: [{ type: 'text', text: 'Done.' }],
            finishReason: { unified: 'stop', raw: 'stop' },
            usage,
            warnings: [],
          }
        : {
            content: [{ type: 'tool-call', toolCallId, toolName, input: JSON.stringify(input) }],
            finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
            usage,
            warnings: [],
          };
    },
  });
}

/** An economic rail that charges `action.cost.tokens` each time it runs, like a cost budget. */
export function chargingRail() {
  const charges: number[] = [];
  const rail: Rail = {
    name: 'budget',
    kind: 'economic',
    evaluate: ({ action }) => {
      charges.push(action?.cost?.tokens ?? 0);
      return allow('within budget');
    },
  };
  return { rail, charges, total: () => charges.reduce((sum, tokens) => sum + tokens, 0) };
}

export type SetupExtra = Partial<GuardedToolsOptions<Record<string, GuardedToolDefinition>>>;

export function setup(rails: Rail[] = [], extra: SetupExtra = {}) {
  const passwords = new Map<string, string>([['ada', 'old']]);
  const reset: Mock<(user: string) => void> = vi.fn();
  const closed: Mock<(user: string) => void> = vi.fn();
  const resetPassword = defineAction({
    name: 'reset_password',
    input: z.object({ user: z.string() }),
    reversible: true,
    snapshot: ({ user }) => ({ previous: passwords.get(user) }),
    do: ({ user }) => {
      reset(user);
      passwords.set(user, 'temporary');
      return { user, status: 'reset link sent' };
    },
    undo: ({ user }, { snapshot }) => {
      passwords.set(user, snapshot.previous ?? '');
    },
  });
  const closeAccount = defineAction({
    name: 'close_account',
    input: z.object({ user: z.string() }),
    reversible: false,
    do: ({ user }) => {
      closed(user);
      return { closed: user };
    },
  });
  const issueRefund = defineAction({
    name: 'issue_refund',
    input: z.object({ orderId: z.string(), tokens: z.number() }),
    reversible: true,
    do: ({ orderId }) => ({ refunded: orderId }),
    undo: () => {},
  });
  const clock = createManualClock(Date.UTC(2026, 10, 24));
  const undoLog = createUndoLog({
    store: createMemoryUndoLogStore(),
    actions: [resetPassword, closeAccount, issueRefund],
    clock,
  });
  const onDecision: Mock<(event: ToolDecisionEvent) => void> = vi.fn();
  const another = (traceId: string, more: SetupExtra = {}) =>
    createGuardedTools({
      tools: {
        resetPassword: guardedTool({
          action: resetPassword,
          description: 'Send a password reset link',
          resource: ({ user }) => `account:${user}`,
        }),
        closeAccount: { action: closeAccount, description: 'Close an account for good' },
        issueRefund: guardedTool({
          action: issueRefund,
          description: 'Refund an order',
          resource: ({ orderId }) => `order:${orderId}`,
          cost: ({ tokens }) => ({ tokens }),
        }),
      },
      undoLog,
      rails,
      actor: { id: 'support-ai', type: 'ai', roles: ['ai-agent'] },
      traceId,
      clock,
      onDecision,
      ...extra,
      ...more,
    });
  const guarded = another('conversation-1');
  return { guarded, another, undoLog, passwords, reset, closed, onDecision, clock };
}

export const approve = (approvalId: string, approved: unknown): ModelMessage =>
  ({
    role: 'tool',
    content: [{ type: 'tool-approval-response', approvalId, approved }],
  }) as ModelMessage;

/**
 * Collects the errors of every tool execution, including the approved calls the SDK runs before
 * the first step (their errors reach the model but not `result.content`).
 */
export function toolErrorRecorder() {
  const errors: unknown[] = [];
  const onToolExecutionEnd = (event: { toolOutput: { type: string; error?: unknown } }) => {
    if (event.toolOutput.type === 'tool-error') errors.push(event.toolOutput.error);
  };
  return { errors, onToolExecutionEnd };
}

/** Calls a guarded tool's `execute` as the AI SDK does, with a parsed input. */
export async function executeTool(
  guarded: { tools: Record<string, { execute?: unknown }> },
  toolName: string,
  input: unknown,
  toolCallId: string,
  messages: ModelMessage[] = [],
): Promise<unknown> {
  const execute = guarded.tools[toolName]?.execute as
    | ((input: unknown, options: { toolCallId: string; messages: ModelMessage[] }) => unknown)
    | undefined;
  if (!execute) throw new Error(`No tool '${toolName}'`);
  return await execute(input, { toolCallId, messages });
}
