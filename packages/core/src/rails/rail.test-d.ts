import { describe, expectTypeOf, it } from 'vitest';
import type { RailVerdict } from '../schemas/rail-verdict';
import {
  allow,
  deny,
  escalate,
  type Rail,
  type RailContext,
  type RailEvaluateOptions,
} from './rail';

interface RefundContext extends RailContext {
  attributes: { amountUsd: number; plan: 'free' | 'pro' };
}

describe('Rail types', () => {
  it('narrows the context a rail reads', () => {
    const refundLimit: Rail<RefundContext> = {
      name: 'refund-limit',
      kind: 'deterministic',
      evaluate: ({ attributes }) => {
        expectTypeOf(attributes.amountUsd).toEqualTypeOf<number>();
        expectTypeOf(attributes.plan).toEqualTypeOf<'free' | 'pro'>();
        return attributes.amountUsd > 100 ? escalate('above the limit') : allow('fine');
      },
    };
    expectTypeOf(refundLimit.evaluate).parameter(0).toEqualTypeOf<RefundContext>();
    // A rail for the wide context fits where a narrowed one is expected.
    expectTypeOf<Rail>().toExtend<Rail<RefundContext>>();
  });

  it('passes the cancellation as abortSignal', () => {
    expectTypeOf<RailEvaluateOptions>().toEqualTypeOf<{ abortSignal: AbortSignal }>();
    expectTypeOf<Rail['evaluate']>().parameter(1).toEqualTypeOf<RailEvaluateOptions>();
  });

  it('lets evaluate be sync or async', () => {
    expectTypeOf<ReturnType<Rail['evaluate']>>().toEqualTypeOf<
      RailVerdict | Promise<RailVerdict>
    >();
    const asyncRail: Rail = {
      name: 'async',
      kind: 'semantic',
      evaluate: async (_context, { abortSignal }) => {
        expectTypeOf(abortSignal).toEqualTypeOf<AbortSignal>();
        return deny('no');
      },
    };
    expectTypeOf(asyncRail).toExtend<Rail>();
  });

  it('types the verdict helpers', () => {
    expectTypeOf(allow).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(allow).returns.toEqualTypeOf<RailVerdict>();
    expectTypeOf(escalate).parameters.toEqualTypeOf<
      [reason: string, evidence?: unknown, confidence?: number | undefined]
    >();
    expectTypeOf(deny).returns.toEqualTypeOf<RailVerdict>();
    // @ts-expect-error the reason is required
    allow();
  });

  it('requires name, kind and evaluate', () => {
    // @ts-expect-error kind is missing
    const noKind: Rail = { name: 'x', evaluate: () => allow('ok') };
    // @ts-expect-error kind must be a rail kind
    const badKind: Rail = { name: 'x', kind: 'magic', evaluate: () => allow('ok') };
    expectTypeOf([noKind, badKind]).toBeArray();
  });
});
