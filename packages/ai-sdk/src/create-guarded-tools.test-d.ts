import type { ActorInput } from '@guardloop/core';
import {
  createMemoryUndoLogStore,
  createUndoLog,
  defineAction,
  type UndoTraceResult,
} from '@guardloop/undo-log';
import type { Tool, ToolApprovalStatus } from 'ai';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { ApprovalBinding } from './approval/approval-binding';
import { createGuardedTools } from './create-guarded-tools';
import { guardedTool } from './guarded-tool-definition';
import type {
  ApprovalCheck,
  GuardedToolsOptions,
  ToolCallLike,
  ToolDecisionEvent,
} from './guarded-tools-options';
import type { GuardedToolsInbox } from './inbox/guarded-tools-inbox';

const resetPassword = defineAction({
  name: 'reset_password',
  input: z.object({ user: z.string() }),
  reversible: true,
  do: ({ user }) => ({ user, status: 'reset link sent' }),
  undo: () => {},
});
// The model sends dollars; the action runs on cents.
const refund = defineAction({
  name: 'refund',
  input: z
    .object({ orderId: z.string(), dollars: z.number() })
    .transform(({ orderId, dollars }) => ({
      orderId,
      cents: Math.round(dollars * 100),
    })),
  reversible: false,
  do: ({ cents }) => ({ refunded: cents }),
});
const undoLog = createUndoLog({
  store: createMemoryUndoLogStore(),
  actions: [resetPassword, refund],
});
const actor = { id: 'support-ai', type: 'ai' } as const;

describe('createGuardedTools types', () => {
  it('keeps the tool names and types each tool input by its action schema, as the model sends it', () => {
    const guarded = createGuardedTools({
      tools: { resetPassword: guardedTool({ action: resetPassword }), refund: { action: refund } },
      undoLog,
      actor,
    });
    expectTypeOf<keyof typeof guarded.tools>().toEqualTypeOf<'resetPassword' | 'refund'>();
    expectTypeOf(guarded.tools.resetPassword).toEqualTypeOf<Tool<{ user: string }, unknown>>();
    // The schema's input, before the transform: what the model writes. The output stays unknown:
    // the action's result, a replayed one (null once undone) or the one an inbox recorded.
    expectTypeOf(guarded.tools.refund).toEqualTypeOf<
      Tool<{ orderId: string; dollars: number }, unknown>
    >();
  });

  it('types the guarded tool callbacks by the input the action runs on', () => {
    guardedTool({
      action: refund,
      resource: (input) => {
        expectTypeOf(input).toEqualTypeOf<{ orderId: string; cents: number }>();
        return `order:${input.orderId}`;
      },
      cost: ({ cents }) => ({ usd: cents / 100 }),
    });
    guardedTool({
      action: resetPassword,
      // @ts-expect-error the callback is typed by the action's input schema
      resource: ({ missing }) => `account:${missing}`,
    });
    guardedTool({
      action: resetPassword,
      // @ts-expect-error a cost has tokens and usd, both numbers
      cost: () => ({ tokens: 'many' }),
    });
  });

  it('types the options and what the tool set gives back', () => {
    type Options = GuardedToolsOptions<{ resetPassword: { action: typeof resetPassword } }>;
    expectTypeOf<Options['actor']>().toEqualTypeOf<ActorInput>();
    expectTypeOf<Options['inbox']>().toEqualTypeOf<GuardedToolsInbox | undefined>();
    expectTypeOf<NonNullable<Options['verifyApproval']>>()
      .parameter(0)
      .toEqualTypeOf<ApprovalCheck>();
    expectTypeOf<NonNullable<Options['verifyApproval']>>().returns.toEqualTypeOf<
      boolean | Promise<boolean>
    >();
    expectTypeOf<NonNullable<Options['onDecision']>>()
      .parameter(0)
      .toEqualTypeOf<ToolDecisionEvent>();

    const guarded = createGuardedTools({
      tools: { resetPassword: { action: resetPassword } },
      undoLog,
      actor,
    });
    expectTypeOf(guarded.toolApproval).parameter(0).toEqualTypeOf<{ toolCall: ToolCallLike }>();
    expectTypeOf(guarded.toolApproval).returns.resolves.toEqualTypeOf<ToolApprovalStatus>();
    expectTypeOf(guarded.approvalBindingOf).returns.toEqualTypeOf<ApprovalBinding>();
    expectTypeOf(guarded.undoAll).returns.resolves.toEqualTypeOf<UndoTraceResult>();
    expectTypeOf(guarded.traceId).toEqualTypeOf<string>();
  });

  it('refuses options it does not know or lacks at compile time', () => {
    // @ts-expect-error an undo log is required
    createGuardedTools({ tools: {}, actor });
    // @ts-expect-error a tool is backed by an undo-log action
    createGuardedTools({ tools: { broken: { description: 'no action' } }, undoLog, actor });
    createGuardedTools({
      tools: {},
      undoLog,
      actor,
      // @ts-expect-error unsafeTrustClientApprovals is a boolean
      unsafeTrustClientApprovals: 'yes',
    });
  });
});
