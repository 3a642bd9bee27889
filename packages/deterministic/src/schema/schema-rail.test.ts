import {
  type ActionRequest,
  createManualClock,
  createSequentialIdGenerator,
  evaluateRails,
  GuardloopError,
  type RailContext,
  type Signal,
} from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { schemaRail } from './schema-rail';

const refundSchema = z.object({
  name: z.literal('refund'),
  input: z.object({ amount: z.number().positive(), currency: z.enum(['EUR', 'USD']) }),
  resource: z.string().startsWith('invoice:'),
});

const refund = (input: Record<string, unknown>): ActionRequest => ({
  name: 'refund',
  input,
  resource: 'invoice:42',
  reversible: true,
  dryRun: false,
});

const signal: Signal = {
  id: 'sig-1',
  source: 'zendesk',
  kind: 'ticket',
  fingerprint: 'fp-1',
  payload: { subject: 'Refund please' },
  occurredAt: 0,
  receivedAt: 0,
  traceId: 'trace-1',
};

const context = (parts: Partial<RailContext> = {}): RailContext => ({
  traceId: 'trace-1',
  actor: { id: 'bot', type: 'ai', roles: ['ai-agent'] },
  ...parts,
});

const run = (rail: ReturnType<typeof schemaRail>, railContext: RailContext) =>
  Promise.resolve(rail.evaluate(railContext, { abortSignal: new AbortController().signal }));

describe('schemaRail', () => {
  it('allows an action request that matches the schema', async () => {
    const verdict = await run(
      schemaRail(refundSchema),
      context({ action: refund({ amount: 120, currency: 'EUR' }) }),
    );
    expect(verdict).toEqual({ verdict: 'allow', reason: "The action request 'refund' is valid." });
  });

  it('denies a malformed action request with the zod issues as evidence', async () => {
    const verdict = await run(
      schemaRail(refundSchema),
      context({ action: refund({ amount: -5, currency: 'GBP' }) }),
    );
    expect(verdict.verdict).toBe('deny');
    expect(verdict.reason).toMatch(/^The action request 'refund' is malformed: input\.amount: /);
    expect(verdict.evidence).toEqual({
      target: 'action',
      issues: [
        { path: 'input.amount', message: expect.any(String) },
        { path: 'input.currency', message: expect.any(String) },
      ],
    });
  });

  it('escalates when there is no action to validate', async () => {
    const verdict = await run(schemaRail(refundSchema), context());
    expect(verdict.verdict).toBe('escalate');
    expect(verdict.reason).toBe(
      'Nothing to validate: the context has no action, so the schema rail cannot vouch for it.',
    );
  });

  it('escalates instead of throwing when the context itself is missing', async () => {
    const verdict = await run(schemaRail(refundSchema), undefined as unknown as RailContext);
    expect(verdict.verdict).toBe('escalate');
  });

  it('validates the signal when asked to', async () => {
    const ticketSchema = z.object({
      kind: z.literal('ticket'),
      payload: z.object({ subject: z.string() }),
    });
    const rail = schemaRail(ticketSchema, { target: 'signal' });
    expect((await run(rail, context({ signal }))).verdict).toBe('allow');
    const alert = await run(rail, context({ signal: { ...signal, kind: 'alert' } }));
    expect(alert.verdict).toBe('deny');
    expect(alert.reason).toMatch(/^The signal 'sig-1' is malformed: kind: /);
    expect((await run(rail, context())).reason).toMatch(/the context has no signal/);
  });

  it('validates the value picked by a selector, named by its label', async () => {
    const rail = schemaRail(z.object({ plan: z.enum(['pro', 'enterprise']) }), {
      target: (railContext) => railContext.attributes?.customer,
      label: 'customer record',
    });
    const free = await run(rail, context({ attributes: { customer: { plan: 'free' } } }));
    expect(free.verdict).toBe('deny');
    expect(free.reason).toMatch(/^The customer record is malformed: plan: /);
    expect(free.evidence).toMatchObject({ target: 'selector' });
    const absent = await run(rail, context({ attributes: {} }));
    expect(absent.verdict).toBe('escalate');
    expect(absent.reason).toMatch(/no value at the selector/);
  });

  it('escalates when the selector or the schema throws', async () => {
    const throwingSelector = schemaRail(z.unknown(), {
      target: () => {
        throw new Error('boom');
      },
    });
    const selected = await run(throwingSelector, context());
    expect(selected).toMatchObject({ verdict: 'escalate', reason: expect.stringMatching(/boom/) });

    const throwingRefinement = z.object({}).refine(() => {
      throw new Error('refinement crashed');
    });
    const refined = await run(schemaRail(throwingRefinement), context({ action: refund({}) }));
    expect(refined).toMatchObject({
      verdict: 'escalate',
      reason: expect.stringMatching(/refinement crashed/),
    });
  });

  it('supports schemas with async refinements', async () => {
    const knownInvoice = z
      .object({ resource: z.string() })
      .refine(async (action) => action.resource === 'invoice:42', {
        message: 'unknown invoice',
      });
    const rail = schemaRail(knownInvoice);
    expect((await run(rail, context({ action: refund({}) }))).verdict).toBe('allow');
    const other = await run(rail, context({ action: { ...refund({}), resource: 'invoice:7' } }));
    expect(other).toMatchObject({
      verdict: 'deny',
      reason: expect.stringMatching(/unknown invoice/),
    });
  });

  it('rejects bad arguments with a typed error', () => {
    const attempts = [
      () => schemaRail({} as z.ZodType),
      () => schemaRail(refundSchema, { target: 'ticket' as 'action' }),
      () => schemaRail(refundSchema, { name: '' }),
    ];
    for (const attempt of attempts) {
      expect(attempt).toThrow(expect.objectContaining({ code: 'invalid_input' }));
      try {
        attempt();
      } catch (error) {
        expect(GuardloopError.hasCode(error, 'invalid_input')).toBe(true);
      }
    }
  });

  it('decides through evaluateRails under its own name', async () => {
    const decision = await evaluateRails(
      [schemaRail(refundSchema, { name: 'refund-shape' })],
      context({ action: refund({ amount: 0, currency: 'EUR' }) }),
      { clock: createManualClock(0), idGenerator: createSequentialIdGenerator() },
    );
    expect(decision.verdict).toBe('deny');
    expect(decision.decidedBy).toBe('refund-shape');
  });
});
