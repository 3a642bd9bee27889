import { describe, expectTypeOf, it } from 'vitest';
import type { ActionCatalog } from '../actions/action-catalog';
import { needsHumanApproval } from '../actions/needs-human-approval';
import type { Rail, RailContext } from '../rails/rail';
import type { ActionRequest } from '../schemas/action-request';
import type { Actor, ActorInput } from '../schemas/actor';
import type { HypothesisInput } from '../schemas/hypothesis';
import type { IntentInput } from '../schemas/intent';
import type { RailResult, RailVerdict } from '../schemas/rail-verdict';
import type { SignalInput } from '../schemas/signal';
import {
  createLoop,
  type HandleOptions,
  type Loop,
  type LoopConfig,
  type LoopResult,
  type LoopSteps,
} from './create-loop';
import type { HumanDecision } from './human-decision';
import type { LoopEscalationInput, LoopEscalationSink } from './loop-escalation-sink';
import type { LoopEvent } from './loop-types';

describe('public types', () => {
  it('narrows loop events by type', () => {
    const handle = (event: LoopEvent) => {
      if (event.type === 'loop.escalated')
        expectTypeOf(event.escalation.reason).toEqualTypeOf<string>();
      if (event.type === 'decision.made')
        expectTypeOf(event.decision.verdict).toEqualTypeOf<'allow' | 'escalate' | 'deny'>();
      if (event.type === 'human.approved') {
        expectTypeOf(event.escalationId).toEqualTypeOf<string>();
        expectTypeOf(event.human.kind).toEqualTypeOf<'approved' | 'approved_with_edits'>();
        expectTypeOf(event.human.input).toEqualTypeOf<Record<string, unknown>>();
      }
      if (event.type === 'loop.rejected')
        expectTypeOf(event.human).toEqualTypeOf<HumanDecision | undefined>();
    };
    expectTypeOf(handle).toBeFunction();
  });

  it('types the loop result status', () => {
    expectTypeOf<LoopResult['status']>().toEqualTypeOf<
      'acted' | 'completed' | 'escalated' | 'rejected' | 'failed' | 'duplicate'
    >();
    expectTypeOf<LoopResult['awaitingHuman']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<LoopResult['human']>().toEqualTypeOf<HumanDecision | undefined>();
  });

  it('names the cancellation abortSignal and has no learn step', () => {
    expectTypeOf<HandleOptions>().not.toHaveProperty('signal');
    expectTypeOf<HandleOptions['abortSignal']>().toEqualTypeOf<AbortSignal | undefined>();
    expectTypeOf<LoopSteps>().not.toHaveProperty('learn');
  });

  it('resumes an escalation by id', () => {
    expectTypeOf<Loop['resume']>().parameter(0).toEqualTypeOf<string>();
    expectTypeOf<Loop['resume']>()
      .parameter(1)
      .toEqualTypeOf<{ abortSignal?: AbortSignal } | undefined>();
    expectTypeOf<Loop['resume']>().returns.toEqualTypeOf<Promise<LoopResult>>();
  });

  it('takes an action catalog that decides on approvals', () => {
    expectTypeOf<LoopConfig['actions']>().toEqualTypeOf<ActionCatalog | undefined>();
    // An undo log's describeAction fits; an ActionRequest is what needsHumanApproval takes.
    expectTypeOf<{
      describeAction(name: string): { reversible: boolean; name: string } | undefined;
    }>().toExtend<ActionCatalog>();
    expectTypeOf(needsHumanApproval).parameter(0).toExtend<Partial<ActionRequest>>();
    expectTypeOf<ActionRequest>().toExtend<Parameters<typeof needsHumanApproval>[0]>();
    expectTypeOf(needsHumanApproval).returns.toEqualTypeOf<boolean>();
  });

  it('lets rails be sync or async and narrows their context', () => {
    expectTypeOf<ReturnType<Rail['evaluate']>>().toEqualTypeOf<
      RailVerdict | Promise<RailVerdict>
    >();
    type TicketContext = RailContext & { attributes: { ticketId: string } };
    const rail: Rail<TicketContext> = {
      name: 'ticket',
      kind: 'deterministic',
      evaluate: ({ attributes }) => ({ verdict: 'allow', reason: attributes.ticketId }),
    };
    expectTypeOf(rail.evaluate).parameter(0).toHaveProperty('attributes');
  });

  it('requires the three host steps', () => {
    const missing = () =>
      createLoop({
        // @ts-expect-error act is missing
        steps: {
          classifyIntent: () => ({ label: 'x', confidence: 1 }),
          proposeHypotheses: () => [],
        },
      });
    expectTypeOf(missing).toBeFunction();
  });

  it('accepts an inbox shaped like @guardloop/inbox', () => {
    // Mirrors `EscalateInput` / `Inbox['escalate']` of @guardloop/inbox (core may not import it).
    interface InboxEscalateInput {
      traceId: string;
      signal?: SignalInput & { traceId: string };
      intent?: IntentInput;
      hypotheses?: HypothesisInput[];
      action?: { name: string; input?: unknown; resource?: string };
      requestedBy?: ActorInput;
      rail?: string;
      reason: string;
      evidence?: unknown;
      verdicts?: RailResult[];
      priority?: 'low' | 'normal' | 'high' | 'urgent';
      queue?: string;
      abortSignal?: AbortSignal;
    }
    // Mirrors the fields of `InboxItem` that the loop reads back (`Inbox['get']`).
    type InboxStatus = 'pending' | 'approving' | 'approved' | 'rejected' | 'failed';
    type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
    interface InboxItemLike {
      id: string;
      traceId: string;
      status: InboxStatus;
      signal: Json;
      intent: Json;
      hypotheses: Json[];
      action: { name: string; input: Json; resource: string | null } | null;
      inputHash: string | null;
      requestedBy: Actor | null;
      rail: string | null;
      reason: string;
      evidence: Json;
      decision: {
        kind: 'approve' | 'approve_with_edits' | 'reject';
        reviewer: Actor;
        at: number;
        note?: string | undefined;
        input?: Json | undefined;
        diff?: unknown[] | undefined;
      } | null;
      result: Json;
      error: { code: string; message: string } | null;
      revision: number;
      history: unknown[];
    }
    interface InboxLike {
      escalate(input: InboxEscalateInput): Promise<InboxItemLike>;
      get(id: string, options?: { abortSignal?: AbortSignal }): Promise<InboxItemLike>;
    }
    // Checked without method bivariance: what the loop sends must be what the inbox takes.
    expectTypeOf<LoopEscalationInput>().toExtend<InboxEscalateInput>();
    expectTypeOf<InboxLike['escalate']>().toExtend<LoopEscalationSink['escalate']>();
    expectTypeOf<InboxLike['get']>().toExtend<NonNullable<LoopEscalationSink['get']>>();
    expectTypeOf<InboxLike>().toExtend<LoopEscalationSink>();
    expectTypeOf<LoopResult['escalationId']>().toEqualTypeOf<string | undefined>();
  });
});
