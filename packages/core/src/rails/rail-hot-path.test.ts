import { describe, expect, it, vi } from 'vitest';
import type { RailResult } from '../schemas/rail-verdict';
import { createManualClock } from '../utils/clock';
import { createSequentialIdGenerator } from '../utils/id-generator';
import { combineRailResults } from './combine-rail-results';
import { evaluateRails } from './evaluate-rails';
import { allow, deny, type Rail, type RailContext } from './rail';
import { onRailEvaluationAborted, throwIfRailAborted } from './run-rail';
import { evaluateWith } from './synchronous-evaluate';

// Regression tests for the engine's hot-path shortcuts: they must not change what it decides.
const context: RailContext = {
  traceId: 'trace-1',
  actor: { id: 'ai', type: 'ai', roles: ['agent'] },
};
const options = () => ({
  clock: createManualClock(0),
  idGenerator: createSequentialIdGenerator('d'),
});

const result = (rail: string, verdict: RailResult['verdict']): RailResult => ({
  rail,
  kind: 'deterministic',
  status: 'completed',
  verdict,
  reason: `${rail} says ${verdict}`,
  startedAt: 0,
  durationMs: 0,
});
const base = { id: 'd-1', traceId: 'trace-1', decidedAt: 5, durationMs: 1 };

describe('combineRailResults', () => {
  it('lets a later deny win over earlier escalations', () => {
    const decision = combineRailResults(
      [result('a', 'escalate'), result('b', 'deny'), result('c', 'deny')],
      base,
    );
    expect(decision).toMatchObject({ verdict: 'deny', decidedBy: 'b', reason: 'b: b says deny' });
  });

  it('names every escalation in order, decided by the first', () => {
    const decision = combineRailResults(
      [result('a', 'allow'), result('b', 'escalate'), result('c', 'escalate')],
      base,
    );
    expect(decision).toMatchObject({
      verdict: 'escalate',
      decidedBy: 'b',
      reason: 'b: b says escalate | c: c says escalate',
    });
  });

  it('keeps one key order for every verdict and copies the results', () => {
    const results = [result('a', 'allow')];
    const allowed = combineRailResults(results, base);
    expect(Object.keys(allowed)).toEqual([
      'id',
      'traceId',
      'rails',
      'decidedAt',
      'durationMs',
      'verdict',
      'reason',
    ]);
    expect(allowed.rails).not.toBe(results);
    expect(Object.keys(combineRailResults([result('a', 'deny')], base))).toEqual([
      'id',
      'traceId',
      'rails',
      'decidedAt',
      'durationMs',
      'verdict',
      'reason',
      'decidedBy',
    ]);
  });
});

describe('evaluateRails abort wiring', () => {
  it('aborts every rail still waiting when one denies, in any order of settling', async () => {
    const aborted = vi.fn();
    const hanging = (name: string): Rail => ({
      name,
      kind: 'semantic',
      evaluate: (_context, { abortSignal }) => {
        abortSignal.addEventListener('abort', () => aborted(name));
        return new Promise(() => {});
      },
    });
    const decision = await evaluateRails(
      [
        hanging('one'),
        { name: 'quick', kind: 'semantic', evaluate: async () => allow('fine') },
        hanging('two'),
        hanging('three'),
        { name: 'budget', kind: 'economic', evaluate: async () => deny('over budget') },
      ],
      context,
      options(),
    );
    expect(decision).toMatchObject({ verdict: 'deny', decidedBy: 'budget' });
    expect(aborted.mock.calls.map(([name]) => name).sort()).toEqual(['one', 'three', 'two']);
    expect(decision.rails.map((entry) => entry.status)).toEqual([
      'aborted',
      'completed',
      'aborted',
      'aborted',
      'completed',
    ]);
  });

  it("adds no listener to the caller's signal when every rail answers at once", async () => {
    const caller = new AbortController();
    const listen = vi.spyOn(caller.signal, 'addEventListener');
    const quick = (name: string, kind: Rail['kind']): Rail => ({
      name,
      kind,
      evaluate: evaluateWith(() => allow('fine')),
    });
    const decision = await evaluateRails(
      [quick('schema', 'deterministic'), quick('intent', 'semantic'), quick('cost', 'economic')],
      context,
      { ...options(), abortSignal: caller.signal },
    );
    expect(decision.verdict).toBe('allow');
    expect(listen).not.toHaveBeenCalled();
  });

  it('stops at once when a rail that answers at once aborts the caller, and rejects', async () => {
    const caller = new AbortController();
    const ran: string[] = [];
    const rail = (name: string, kind: Rail['kind'], abort = false): Rail => ({
      name,
      kind,
      evaluate: evaluateWith(() => {
        ran.push(name);
        if (abort) caller.abort(new Error('caller gave up'));
        return allow('fine');
      }),
    });
    await expect(
      evaluateRails(
        [
          rail('first', 'deterministic', true),
          rail('second', 'deterministic'),
          rail('third', 'economic'),
        ],
        context,
        { ...options(), abortSignal: caller.signal },
      ),
    ).rejects.toThrow('caller gave up');
    expect(ran).toEqual(['first']);
  });

  it('listens once a rail makes it wait, and removes the listener when decided', async () => {
    const caller = new AbortController();
    const listen = vi.spyOn(caller.signal, 'addEventListener');
    const unlisten = vi.spyOn(caller.signal, 'removeEventListener');
    const decision = await evaluateRails(
      [{ name: 'slow', kind: 'semantic', evaluate: async () => allow('fine') }],
      context,
      { ...options(), abortSignal: caller.signal },
    );
    expect(decision.verdict).toBe('allow');
    expect(listen).toHaveBeenCalledOnce();
    expect(unlisten).toHaveBeenCalledWith('abort', listen.mock.calls[0]?.[1]);
  });

  it('drops the verdicts held by concurrent rails that answered at once when one of them denies', async () => {
    const given: string[] = [];
    const holding = (name: string, verdict: 'allow' | 'deny' = 'allow'): Rail => ({
      name,
      kind: 'economic',
      evaluate: evaluateWith((_context, railOptions) => {
        onRailEvaluationAborted(railOptions, () => given.push(name));
        return verdict === 'deny' ? deny('over') : allow('taken');
      }),
    });
    const plain: Rail = {
      name: 'plain',
      kind: 'semantic',
      evaluate: evaluateWith(() => allow('ok')),
    };
    const decision = await evaluateRails(
      [holding('first'), plain, holding('denier', 'deny'), holding('after')],
      context,
      options(),
    );
    expect(decision).toMatchObject({ verdict: 'deny', decidedBy: 'denier' });
    // The holder before the deny is dropped (and told); the deny itself is never dropped; the
    // rail after it never ran; a rail that holds nothing keeps its verdict.
    expect(decision.rails.map((entry) => [entry.rail, entry.status])).toEqual([
      ['first', 'aborted'],
      ['plain', 'completed'],
      ['denier', 'completed'],
      ['after', 'aborted'],
    ]);
    expect(given).toEqual(['first']);
  });

  it('keeps the verdicts held by deterministic rails and by concurrent ones when all allow', async () => {
    const given: string[] = [];
    const holding = (name: string, kind: Rail['kind']): Rail => ({
      name,
      kind,
      evaluate: evaluateWith((_context, railOptions) => {
        onRailEvaluationAborted(railOptions, () => given.push(name));
        return allow('taken');
      }),
    });
    const allowed = await evaluateRails(
      [holding('schema', 'deterministic'), holding('cost', 'economic')],
      context,
      options(),
    );
    expect(allowed.rails.map((entry) => entry.status)).toEqual(['completed', 'completed']);
    expect(given).toEqual([]);
  });

  it('aborts a waiting rail when the caller aborts after the run started waiting', async () => {
    const caller = new AbortController();
    const pending = evaluateRails(
      [
        { name: 'quick', kind: 'deterministic', evaluate: evaluateWith(() => allow('fine')) },
        { name: 'hanging', kind: 'semantic', evaluate: () => new Promise(() => {}) },
      ],
      context,
      { ...options(), abortSignal: caller.signal },
    );
    caller.abort(new Error('shutting down'));
    await expect(pending).rejects.toThrow('shutting down');
  });
});

describe('throwIfRailAborted', () => {
  it('passes under the engine, where a rail only runs before any abort', async () => {
    const decision = await evaluateRails(
      [
        {
          name: 'checks',
          kind: 'deterministic',
          evaluate: (_context, railOptions) => {
            throwIfRailAborted(railOptions);
            return allow('not aborted');
          },
        },
      ],
      context,
      options(),
    );
    expect(decision.verdict).toBe('allow');
  });

  it('throws the reason of an aborted signal passed directly, and nothing otherwise', () => {
    const controller = new AbortController();
    expect(() => throwIfRailAborted({ abortSignal: controller.signal })).not.toThrow();
    const reason = new Error('cancelled');
    controller.abort(reason);
    expect(() => throwIfRailAborted({ abortSignal: controller.signal })).toThrow(reason);
  });
});

describe('onRailEvaluationAborted', () => {
  it('calls back once when the engine drops a waiting verdict, after a throwing callback too', async () => {
    const caller = new AbortController();
    const heard: string[] = [];
    let registered: boolean | undefined;
    const pending = evaluateRails(
      [
        {
          name: 'waits',
          kind: 'economic',
          evaluate: (_context, railOptions) => {
            onRailEvaluationAborted(railOptions, () => {
              throw new Error('ignored');
            });
            registered = onRailEvaluationAborted(railOptions, () => heard.push('dropped'));
            return new Promise(() => {});
          },
        },
      ],
      context,
      { ...options(), abortSignal: caller.signal },
    );
    await Promise.resolve();
    caller.abort(new Error('gave up'));
    await expect(pending).rejects.toThrow('gave up');
    expect(registered).toBe(true);
    expect(heard).toEqual(['dropped']);
  });

  it('registers nothing for a direct call: nobody drops that verdict', () => {
    const controller = new AbortController();
    const heard: string[] = [];
    expect(onRailEvaluationAborted({ abortSignal: controller.signal }, () => heard.push('x'))).toBe(
      false,
    );
    controller.abort();
    expect(heard).toEqual([]);
  });
});
