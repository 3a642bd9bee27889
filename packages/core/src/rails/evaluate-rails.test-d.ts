import { describe, expectTypeOf, it } from 'vitest';
import type { Decision } from '../schemas/decision';
import { type EvaluateRailsOptions, evaluateRails } from './evaluate-rails';
import { allow, type Rail, type RailContext } from './rail';

interface TicketContext extends RailContext {
  attributes: { ticketId: string };
}

const ticketRail: Rail<TicketContext> = {
  name: 'ticket',
  kind: 'deterministic',
  evaluate: ({ attributes }) => allow(attributes.ticketId),
};
const anyRail: Rail = { name: 'any', kind: 'semantic', evaluate: () => allow('ok') };
const actor = { id: 'ai', type: 'ai' as const, roles: [] };

describe('evaluateRails types', () => {
  it('resolves to a Decision', () => {
    expectTypeOf(evaluateRails([anyRail], { traceId: 't', actor })).toEqualTypeOf<
      Promise<Decision>
    >();
  });

  it('infers the context from the rails and checks it', () => {
    const ok = () =>
      evaluateRails([ticketRail, anyRail], { traceId: 't', actor, attributes: { ticketId: '1' } });
    expectTypeOf(ok).returns.resolves.toEqualTypeOf<Decision>();
    const missing = () =>
      // @ts-expect-error a narrowed rail needs the attributes it reads
      evaluateRails([ticketRail], { traceId: 't', actor });
    expectTypeOf(missing).toBeFunction();
  });

  it('takes abortSignal, clock, idGenerator and timeoutMs, all optional', () => {
    expectTypeOf<EvaluateRailsOptions>().toEqualTypeOf<{
      abortSignal?: AbortSignal;
      clock?: import('../utils/clock').Clock;
      idGenerator?: import('../utils/id-generator').IdGenerator;
      timeoutMs?: number;
    }>();
    expectTypeOf(evaluateRails).parameter(2).toEqualTypeOf<EvaluateRailsOptions | undefined>();
    // @ts-expect-error the cancellation option is abortSignal
    evaluateRails([anyRail], { traceId: 't', actor }, { signal: AbortSignal.abort() });
  });
});
