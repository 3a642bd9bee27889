import { describe, expectTypeOf, it } from 'vitest';
import type { Rail, RailContext } from '../rails/rail';
import type { ActorInput } from '../schemas/actor';
import type { HypothesisInput } from '../schemas/hypothesis';
import type { IntentInput } from '../schemas/intent';
import type { RailResult, RailVerdict } from '../schemas/rail-verdict';
import type { SignalInput } from '../schemas/signal';
import { createLoop, type LoopResult } from './create-loop';
import type { LoopEscalationInput, LoopEscalationSink } from './loop-escalation-sink';
import type { LoopEvent } from './loop-types';

describe('public types', () => {
  it('narrows loop events by type', () => {
    const handle = (event: LoopEvent) => {
      if (event.type === 'loop.escalated')
        expectTypeOf(event.escalation.reason).toEqualTypeOf<string>();
      if (event.type === 'decision.made')
        expectTypeOf(event.decision.verdict).toEqualTypeOf<'allow' | 'escalate' | 'deny'>();
    };
    expectTypeOf(handle).toBeFunction();
  });

  it('types the loop result status', () => {
    expectTypeOf<LoopResult['status']>().toEqualTypeOf<
      'acted' | 'escalated' | 'rejected' | 'failed' | 'duplicate'
    >();
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
      action: { name: string; input?: unknown; resource?: string };
      requestedBy?: ActorInput;
      rail?: string;
      reason: string;
      evidence?: unknown;
      verdicts?: RailResult[];
      priority?: 'low' | 'normal' | 'high' | 'urgent';
      queue?: string;
      abortSignal?: AbortSignal;
    }
    interface InboxLike {
      escalate(input: InboxEscalateInput): Promise<{ id: string; status: string }>;
    }
    // Checked without method bivariance: what the loop sends must be what the inbox takes.
    expectTypeOf<LoopEscalationInput>().toExtend<InboxEscalateInput>();
    expectTypeOf<InboxLike['escalate']>().toExtend<LoopEscalationSink['escalate']>();
    expectTypeOf<InboxLike>().toExtend<LoopEscalationSink>();
    expectTypeOf<LoopResult['escalationId']>().toEqualTypeOf<string | undefined>();
  });
});
