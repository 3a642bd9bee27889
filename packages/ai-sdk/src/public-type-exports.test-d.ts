import type { AnyActionDefinition } from '@guardloop/undo-log';
import type { ModelMessage } from 'ai';
import { describe, expectTypeOf, it } from 'vitest';
import type * as aiSdk from './index';
import type {
  ApprovalBinding,
  ApprovalCheck,
  FoundApproval,
  GuardedToolDefinition,
  GuardedToolSet,
  GuardedTools,
  GuardedToolsEscalation,
  GuardedToolsInbox,
  GuardedToolsInboxItem,
  GuardedToolsOptions,
  ToolCallLike,
  ToolDecisionEvent,
} from './index';

type Root = typeof aiSdk;
type Definitions = Record<string, GuardedToolDefinition>;

// Every type in a public signature can be named from the root (no deep import needed).
describe('public type exports', () => {
  it('names the options and the result of createGuardedTools', () => {
    expectTypeOf<Root['createGuardedTools']>()
      .parameter(0)
      .toEqualTypeOf<GuardedToolsOptions<Definitions>>();
    expectTypeOf<Root['createGuardedTools']>().returns.toEqualTypeOf<GuardedToolSet<Definitions>>();
    expectTypeOf<GuardedToolSet<Definitions>['tools']>().toEqualTypeOf<GuardedTools<Definitions>>();
    expectTypeOf<GuardedToolSet<Definitions>['toolApproval']>()
      .parameter(0)
      .toEqualTypeOf<{ toolCall: ToolCallLike }>();
    expectTypeOf<GuardedToolsOptions<Definitions>['inbox']>().toEqualTypeOf<
      GuardedToolsInbox | undefined
    >();
    expectTypeOf<NonNullable<GuardedToolsOptions<Definitions>['onDecision']>>()
      .parameter(0)
      .toEqualTypeOf<ToolDecisionEvent>();
    expectTypeOf<ApprovalCheck['approval']>().toEqualTypeOf<FoundApproval>();
    expectTypeOf<ApprovalCheck['binding']>().toEqualTypeOf<ApprovalBinding>();
  });

  it('names the inbox the guarded tools need, without the optional peer', () => {
    expectTypeOf<GuardedToolsInbox['escalate']>()
      .parameter(0)
      .toEqualTypeOf<GuardedToolsEscalation>();
    expectTypeOf<
      GuardedToolsInbox['get']
    >().returns.resolves.toEqualTypeOf<GuardedToolsInboxItem>();
  });

  it('names what the helpers take and give', () => {
    expectTypeOf<Root['guardedTool']>().returns.toExtend<GuardedToolDefinition>();
    expectTypeOf<GuardedToolDefinition['action']>().toEqualTypeOf<AnyActionDefinition>();
    expectTypeOf<Root['findApproval']>().parameters.toEqualTypeOf<
      [readonly ModelMessage[], string]
    >();
    expectTypeOf<Root['findApproval']>().returns.toEqualTypeOf<FoundApproval | undefined>();
    expectTypeOf<Root['assertApprovalBinding']>().parameters.toEqualTypeOf<
      [ApprovalBinding, ApprovalBinding, string]
    >();
    expectTypeOf<Root['hashToolInput']>().returns.toEqualTypeOf<string>();
  });
});
