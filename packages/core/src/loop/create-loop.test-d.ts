import { describe, expectTypeOf, it } from 'vitest';
import type { Rail, RailContext } from '../rails/rail';
import type { RailVerdict } from '../schemas/rail-verdict';
import { createLoop, type LoopResult } from './create-loop';
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
});
