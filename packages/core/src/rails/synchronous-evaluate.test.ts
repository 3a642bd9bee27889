import { describe, expect, it } from 'vitest';
import { createManualClock } from '../utils/clock';
import { createSequentialIdGenerator } from '../utils/id-generator';
import { evaluateRails } from './evaluate-rails';
import { allow, deny, type Rail, type RailContext, type RailEvaluateOptions } from './rail';
import { throwIfRailAborted } from './run-rail';
import { evaluateWith } from './synchronous-evaluate';

const context: RailContext = {
  traceId: 'trace-1',
  actor: { id: 'ai', type: 'ai', roles: ['agent'] },
};
const options = () => ({
  clock: createManualClock(0),
  idGenerator: createSequentialIdGenerator('d'),
});

/** A rail built with `evaluateWith`, counting its judge's calls. */
function countingRail(judge: (options: RailEvaluateOptions) => ReturnType<typeof allow>) {
  const calls: RailEvaluateOptions[] = [];
  const rail: Rail = {
    name: 'counted',
    kind: 'deterministic',
    evaluate: evaluateWith((_context, railOptions) => {
      calls.push(railOptions);
      return judge(railOptions);
    }),
  };
  return { rail, calls };
}

describe('evaluateWith', () => {
  it('gives direct callers a promise, and a rejection for what the judge throws', async () => {
    const { rail } = countingRail(() => allow('fine'));
    const pending = rail.evaluate(context, { abortSignal: new AbortController().signal });
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).resolves.toEqual({ verdict: 'allow', reason: 'fine' });
    const failing = countingRail(() => {
      throw new Error('boom');
    }).rail;
    const rejected = failing.evaluate(context, { abortSignal: new AbortController().signal });
    expect(rejected).toBeInstanceOf(Promise);
    await expect(rejected).rejects.toThrow('boom');
  });

  it('decides under the engine as the promise would, and fails closed on a throw', async () => {
    const { rail, calls } = countingRail(() => deny('no'));
    const decision = await evaluateRails([rail], context, options());
    expect(decision).toMatchObject({
      verdict: 'deny',
      decidedBy: 'counted',
      reason: 'counted: no',
    });
    expect(calls).toHaveLength(1);
    const failing = countingRail(() => {
      throw new Error('boom');
    }).rail;
    const failed = await evaluateRails([failing], context, options());
    expect(failed.rails[0]).toMatchObject({
      status: 'failed',
      verdict: 'escalate',
      reason: "Rail 'counted' failed: boom; escalating because rails fail closed.",
    });
  });

  it('answers synchronously under the engine: a later rail sees it as done', async () => {
    const order: string[] = [];
    const { rail } = countingRail((railOptions) => {
      throwIfRailAborted(railOptions);
      order.push('judged');
      return allow('fine');
    });
    const next: Rail = {
      name: 'next',
      kind: 'deterministic',
      evaluate: () => {
        order.push('next');
        return allow('fine');
      },
    };
    const pending = evaluateRails([rail, next], context, options());
    // Both ran before the first await: no promise hop between synchronous verdicts.
    expect(order).toEqual(['judged', 'next']);
    await expect(pending).resolves.toMatchObject({ verdict: 'allow' });
  });

  it('runs the evaluate a host put in its place (a wrapper keeps its own code)', async () => {
    const { rail, calls } = countingRail(() => allow('fine'));
    const wrapped: Rail = {
      ...rail,
      evaluate: async (railContext, railOptions) => {
        const verdict = await rail.evaluate(railContext, railOptions);
        return { ...verdict, reason: `wrapped: ${verdict.reason}` };
      },
    };
    const decision = await evaluateRails([wrapped], context, options());
    expect(decision.rails[0]).toMatchObject({ reason: 'wrapped: fine' });
    expect(calls).toHaveLength(1);
    // A spread rail keeps the same evaluate, and with it the synchronous path.
    const spread: Rail = { ...rail, name: 'spread' };
    await expect(evaluateRails([spread], context, options())).resolves.toMatchObject({
      verdict: 'allow',
    });
    expect(calls).toHaveLength(2);
  });
});
