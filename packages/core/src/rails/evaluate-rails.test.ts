import { describe, expect, it, vi } from 'vitest';
import type { RailKind } from '../schemas/rail-verdict';
import { createManualClock } from '../utils/clock';
import { createSequentialIdGenerator } from '../utils/id-generator';
import { evaluateRails } from './evaluate-rails';
import { allow, deny, escalate, type Rail, type RailContext } from './rail';

const context: RailContext = {
  traceId: 'trace-1',
  actor: { id: 'ai', type: 'ai', roles: ['agent'] },
  action: { name: 'reset_password', input: {}, reversible: true, dryRun: false },
};

const rail = (
  name: string,
  kind: RailKind,
  evaluate: Rail['evaluate'],
  timeoutMs?: number,
): Rail => ({
  name,
  kind,
  evaluate,
  ...(timeoutMs ? { timeoutMs } : {}),
});

const options = () => ({
  clock: createManualClock(0),
  idGenerator: createSequentialIdGenerator('d'),
});

/** A rail that never answers unless aborted: records the abort reason. */
function hangingRail(name: string, kind: RailKind) {
  const aborted = vi.fn();
  return {
    aborted,
    rail: rail(name, kind, (_context, { abortSignal }) => {
      abortSignal.addEventListener('abort', () => aborted(abortSignal.reason));
      return new Promise(() => {});
    }),
  };
}

describe('evaluateRails', () => {
  it('allows when every rail allows, listing each verdict and timing', async () => {
    const decision = await evaluateRails(
      [
        rail('schema', 'deterministic', () => allow('valid')),
        rail('intent', 'semantic', () => allow('in scope')),
      ],
      context,
      options(),
    );
    expect(decision).toMatchObject({
      id: 'd-1',
      traceId: 'trace-1',
      verdict: 'allow',
      reason: 'All 2 rails allowed.',
    });
    expect(decision.rails.map((result) => [result.rail, result.status, result.verdict])).toEqual([
      ['schema', 'completed', 'allow'],
      ['intent', 'completed', 'allow'],
    ]);
    expect(decision.rails.every((result) => result.durationMs >= 0)).toBe(true);
  });

  it('allows with no rails', async () => {
    await expect(evaluateRails([], context, options())).resolves.toMatchObject({
      verdict: 'allow',
      rails: [],
    });
  });

  it('runs deterministic rails first, in order, before the others', async () => {
    const order: string[] = [];
    const track = (name: string, kind: RailKind) =>
      rail(name, kind, async () => {
        order.push(name);
        return allow('ok');
      });
    await evaluateRails(
      [
        track('cost', 'economic'),
        track('rbac', 'deterministic'),
        track('pii', 'semantic'),
        track('rules', 'deterministic'),
      ],
      context,
      options(),
    );
    expect(order.slice(0, 2)).toEqual(['rbac', 'rules']);
    expect(new Set(order.slice(2))).toEqual(new Set(['cost', 'pii']));
  });

  it('short-circuits on a deterministic deny: later rails are skipped, never called', async () => {
    const later = vi.fn(() => allow('ok'));
    const decision = await evaluateRails(
      [
        rail('rbac', 'deterministic', () => deny('no permission', { role: 'agent' })),
        rail('rules', 'deterministic', later),
        rail('intent', 'semantic', later),
      ],
      context,
      options(),
    );
    expect(later).not.toHaveBeenCalled();
    expect(decision).toMatchObject({
      verdict: 'deny',
      decidedBy: 'rbac',
      reason: 'rbac: no permission',
    });
    expect(decision.rails.map((result) => result.status)).toEqual([
      'completed',
      'skipped',
      'skipped',
    ]);
  });

  it('does not short-circuit on a deterministic escalation', async () => {
    const later = vi.fn(() => allow('ok'));
    const decision = await evaluateRails(
      [
        rail('rules', 'deterministic', () => escalate('needs review')),
        rail('intent', 'semantic', later),
      ],
      context,
      options(),
    );
    expect(later).toHaveBeenCalledOnce();
    expect(decision).toMatchObject({ verdict: 'escalate', decidedBy: 'rules' });
  });

  it('aborts the other concurrent rails on the first deny', async () => {
    const slow = hangingRail('brand', 'semantic');
    const decision = await evaluateRails(
      [slow.rail, rail('budget', 'economic', async () => deny('budget exhausted', { left: 0 }))],
      context,
      options(),
    );
    expect(slow.aborted).toHaveBeenCalledOnce();
    expect(decision).toMatchObject({ verdict: 'deny', decidedBy: 'budget' });
    expect(decision.rails.find((result) => result.rail === 'brand')).toMatchObject({
      status: 'aborted',
    });
    expect(decision.rails.find((result) => result.rail === 'brand')?.verdict).toBeUndefined();
  });

  it('escalates (fails closed) when a rail times out, and aborts it', async () => {
    const clock = createManualClock(0);
    const slow = hangingRail('classifier', 'semantic');
    const pending = evaluateRails(
      [slow.rail, rail('ok', 'economic', () => allow('fine'))],
      context,
      {
        clock,
        timeoutMs: 250,
      },
    );
    await Promise.resolve();
    clock.advance(250);
    const decision = await pending;
    expect(slow.aborted).toHaveBeenCalledOnce();
    expect(decision.verdict).toBe('escalate');
    expect(decision.rails[0]).toMatchObject({
      status: 'timed_out',
      verdict: 'escalate',
      durationMs: 250,
    });
    expect(decision.reason).toMatch(/did not answer within 250 ms/);
  });

  it("honours a rail's own timeout", async () => {
    const clock = createManualClock(0);
    const pending = evaluateRails(
      [rail('fast', 'semantic', () => new Promise(() => {}), 10)],
      context,
      { clock, timeoutMs: 10_000 },
    );
    await Promise.resolve();
    clock.advance(10);
    await expect(pending).resolves.toMatchObject({
      verdict: 'escalate',
      rails: [{ status: 'timed_out' }],
    });
  });

  it('escalates (fails closed) when a rail throws, synchronously or not', async () => {
    const decision = await evaluateRails(
      [
        rail('sync', 'deterministic', () => {
          throw new Error('boom');
        }),
        rail('async', 'semantic', async () => {
          throw new Error('model down');
        }),
      ],
      context,
      options(),
    );
    expect(decision.verdict).toBe('escalate');
    expect(decision.rails.map((result) => [result.status, result.verdict])).toEqual([
      ['failed', 'escalate'],
      ['failed', 'escalate'],
    ]);
    expect(decision.rails[1]?.reason).toMatch(/model down/);
  });

  it('escalates when a rail returns a malformed verdict', async () => {
    const decision = await evaluateRails(
      [rail('sloppy', 'semantic', () => ({ verdict: 'maybe', reason: '' }) as never)],
      context,
      options(),
    );
    expect(decision.rails[0]).toMatchObject({ status: 'failed', verdict: 'escalate' });
  });

  it('prefers deny over escalate and names the denying rail', async () => {
    const decision = await evaluateRails(
      [
        rail('a', 'semantic', () => escalate('unsure', undefined, 0.4)),
        rail('b', 'economic', () => deny('over budget')),
      ],
      context,
      options(),
    );
    expect(decision).toMatchObject({ verdict: 'deny', decidedBy: 'b' });
    expect(decision.rails.find((result) => result.rail === 'a')).toMatchObject({ confidence: 0.4 });
  });

  it('rejects with the abort reason and aborts running rails when the caller aborts', async () => {
    const controller = new AbortController();
    const slow = hangingRail('slow', 'semantic');
    const pending = evaluateRails([slow.rail], context, {
      ...options(),
      abortSignal: controller.signal,
    });
    controller.abort(new Error('caller gave up'));
    await expect(pending).rejects.toThrow('caller gave up');
    expect(slow.aborted).toHaveBeenCalledOnce();
  });

  it('rejects rails that break the contract with a typed error', async () => {
    const good = rail('x', 'semantic', () => allow('ok'));
    await expect(evaluateRails([good, good], context)).rejects.toMatchObject({
      code: 'invalid_rail',
      rail: 'x',
    });
    await expect(
      evaluateRails([{ ...good, kind: 'magic' } as never], context),
    ).rejects.toMatchObject({ code: 'invalid_rail' });
    await expect(
      evaluateRails([{ name: 'y', kind: 'semantic' } as never], context),
    ).rejects.toMatchObject({ code: 'invalid_rail' });
    await expect(evaluateRails([{ ...good, name: '' }], context)).rejects.toMatchObject({
      code: 'invalid_rail',
    });
    await expect(evaluateRails('nope' as never, context)).rejects.toMatchObject({
      code: 'invalid_rail',
    });
  });
});

describe('evaluateRails hot path', () => {
  it('starts a timer only for a rail that does not answer within a microtask', async () => {
    const clock = createManualClock(0);
    const setTimer = vi.spyOn(clock, 'setTimer');
    const quick = rail('quick', 'economic', async () => allow('at once'));
    await evaluateRails([quick], context, { clock });
    expect(setTimer).not.toHaveBeenCalled();
    const slow = hangingRail('slow', 'semantic');
    const pending = evaluateRails([slow.rail], context, { clock, timeoutMs: 100 });
    await Promise.resolve();
    expect(setTimer).toHaveBeenCalledOnce();
    clock.advance(100);
    expect((await pending).rails[0]).toMatchObject({ status: 'timed_out', durationMs: 100 });
    expect(slow.aborted).toHaveBeenCalledOnce();
  });

  it('times out a rail whose clock moved before its timer started', async () => {
    const clock = createManualClock(0);
    const slow = hangingRail('slow', 'semantic');
    const pending = evaluateRails([slow.rail], context, { clock, timeoutMs: 50 });
    clock.advance(60);
    expect((await pending).rails[0]).toMatchObject({ status: 'timed_out' });
  });

  it('gives a rail that reads its signal after a deny an aborted signal', async () => {
    let later: AbortSignal | undefined;
    let release: () => void = () => {};
    const reader = rail('reader', 'semantic', (_context, options) => {
      return new Promise((resolve) => {
        release = () => {
          later = options.abortSignal;
          resolve(allow('late'));
        };
      });
    });
    const denier = rail('denier', 'economic', async () => deny('no'));
    const decision = evaluateRails([reader, denier], context, options());
    await Promise.resolve();
    await Promise.resolve();
    release();
    expect((await decision).verdict).toBe('deny');
    expect(later?.aborted).toBe(true);
  });

  it('reads a rail list again when it changed since the last decision', async () => {
    const rails: Rail[] = [rail('first', 'deterministic', () => allow('ok'))];
    expect((await evaluateRails(rails, context, options())).rails).toHaveLength(1);
    rails.push(rail('second', 'deterministic', () => deny('no')));
    expect(await evaluateRails(rails, context, options())).toMatchObject({
      verdict: 'deny',
      decidedBy: 'second',
    });
    rails.push(rail('second', 'semantic', () => allow('twin')));
    await expect(evaluateRails(rails, context, options())).rejects.toMatchObject({
      code: 'invalid_rail',
    });
  });

  it('answers synchronous rails with the same decision as before, in order', async () => {
    const decision = await evaluateRails(
      [
        rail('a', 'deterministic', () => allow('a')),
        rail('b', 'semantic', () => escalate('b')),
        rail('c', 'economic', async () => allow('c')),
      ],
      context,
      options(),
    );
    expect(decision).toMatchObject({ verdict: 'escalate', decidedBy: 'b', id: 'd-1' });
    expect(decision.rails.map((result) => result.rail)).toEqual(['a', 'b', 'c']);
  });
});
