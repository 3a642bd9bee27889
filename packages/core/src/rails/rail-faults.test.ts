import { describe, expect, it } from 'vitest';
import { createManualClock } from '../utils/clock';
import { createSequentialIdGenerator } from '../utils/id-generator';
import { evaluateRails } from './evaluate-rails';
import { allow, type Rail, type RailContext } from './rail';
import { validateRails } from './validate-rails';

const context: RailContext = {
  traceId: 'trace-1',
  actor: { id: 'ai', type: 'ai', roles: ['agent'] },
};
const options = () => ({
  clock: createManualClock(0),
  idGenerator: createSequentialIdGenerator('d'),
});
const code = (value: string) => expect.objectContaining({ code: value });

const throwingGetter = (field: string) =>
  Object.defineProperty({ verdict: 'allow', reason: 'ok' }, field, {
    enumerable: true,
    get() {
      throw new Error(`${field} exploded`);
    },
  });
const cyclic: Record<string, unknown> = { verdict: 'allow', reason: 'ok' };
cyclic.evidence = { self: cyclic };
const hostileProxy = new Proxy(
  {},
  {
    get() {
      throw new Error('trap');
    },
    has() {
      throw new Error('trap');
    },
    getPrototypeOf() {
      throw new Error('trap');
    },
  },
);
const nullPrototype = Object.create(null) as object;

// Each of these made evaluateRails reject with the rail's raw error before the fix.
const faultyVerdicts: Record<string, () => unknown> = {
  'a throwing verdict getter': () => throwingGetter('verdict'),
  'a throwing reason getter': () => throwingGetter('reason'),
  'a throwing evidence getter': () => throwingGetter('evidence'),
  'a throwing then getter': () => throwingGetter('then'),
  'a proxy whose traps throw': () => hostileProxy,
  'evidence with a cycle': () => cyclic,
  'evidence with a bigint': () => ({ verdict: 'allow', reason: 'ok', evidence: { n: 1n } }),
  'evidence whose toJSON throws': () => ({
    verdict: 'allow',
    reason: 'ok',
    evidence: {
      toJSON() {
        throw new Error('no json');
      },
    },
  }),
  'a function as evidence': () => ({ verdict: 'allow', reason: 'ok', evidence: () => 1 }),
  'a number': () => 42,
  'a string': () => 'allow',
  undefined: () => undefined,
  'a symbol': () => Symbol('allow'),
  'a rejection with a null-prototype object': () => Promise.reject(nullPrototype),
  'a rejection with a proxy': () => Promise.reject(hostileProxy),
  'a throw of a null-prototype object': () => {
    throw nullPrototype;
  },
  'a thenable whose then throws': () => ({
    // biome-ignore lint/suspicious/noThenProperty: the fault under test
    then() {
      throw new Error('then failed');
    },
  }),
  'a thenable that answers twice, both ways': () => ({
    // biome-ignore lint/suspicious/noThenProperty: the fault under test
    then(resolve: (value: unknown) => void, reject: (error: unknown) => void) {
      reject(new Error('first'));
      resolve(allow('second'));
    },
  }),
  'a promise of a verdict with a throwing getter': async () => throwingGetter('reason'),
};

describe('evaluateRails with faulty rails', () => {
  for (const kind of ['deterministic', 'semantic'] as const) {
    for (const [fault, evaluate] of Object.entries(faultyVerdicts)) {
      it(`escalates (fails closed) on ${fault} from a ${kind} rail`, async () => {
        const rails = [
          { name: 'faulty', kind, evaluate } as unknown as Rail,
          { name: 'fine', kind: 'economic', evaluate: () => allow('ok') } as Rail,
        ];
        const decision = await evaluateRails(rails, context, options());
        expect(decision.verdict).toBe('escalate');
        expect(decision.decidedBy).toBe('faulty');
        expect(decision.rails[0]).toMatchObject({ rail: 'faulty', status: 'failed' });
        // The decision itself is plain data that a store can serialise.
        expect(() => JSON.stringify(decision)).not.toThrow();
      });
    }
  }

  it('rejects rails whose fields cannot be read with invalid_rail', async () => {
    const getterRail = Object.defineProperty(
      { kind: 'semantic', evaluate: () => allow('x') },
      'name',
      {
        get() {
          throw new Error('no name');
        },
      },
    );
    for (const rails of [[getterRail], [hostileProxy], hostileProxy]) {
      await expect(evaluateRails(rails as never, context, options())).rejects.toThrow(
        code('invalid_rail'),
      );
      expect(() => validateRails(rails as never)).toThrow(code('invalid_rail'));
    }
  });

  it('reads rail fields once, so a getter cannot swap evaluate mid-decision', async () => {
    let reads = 0;
    const rail = {
      name: 'sneaky',
      kind: 'deterministic',
      get evaluate() {
        reads++;
        return reads === 1 ? () => allow('ok') : () => ({ verdict: 'allow' });
      },
    } as unknown as Rail;
    const decision = await evaluateRails([rail], context, options());
    expect(decision.verdict).toBe('allow');
    expect(reads).toBe(1);
  });
});

describe('rail timeouts', () => {
  const rail = (timeoutMs: unknown) =>
    ({ name: 'r', kind: 'semantic', timeoutMs, evaluate: () => allow('ok') }) as unknown as Rail;

  it('rejects a rail timeoutMs that timers would clamp to 1 ms, with invalid_rail', async () => {
    for (const timeoutMs of [Infinity, 2 ** 31, 2 ** 40, -1, 0, 0.5, Number.NaN, '100', null]) {
      await expect(evaluateRails([rail(timeoutMs)], context, options())).rejects.toThrow(
        code('invalid_rail'),
      );
    }
    await expect(evaluateRails([rail(2 ** 31 - 1)], context, options())).resolves.toMatchObject({
      verdict: 'allow',
    });
  });

  it('rejects an options.timeoutMs that timers would clamp, with invalid_input', async () => {
    for (const timeoutMs of [-1, Number.NaN, 0, Infinity, 2 ** 31, '5']) {
      await expect(
        evaluateRails([], context, { ...options(), timeoutMs: timeoutMs as number }),
      ).rejects.toThrow(code('invalid_input'));
    }
  });
});

describe('evaluateRails input', () => {
  it('rejects a missing or malformed context with invalid_input', async () => {
    for (const bad of [
      null,
      undefined,
      'ctx',
      {},
      { traceId: '' },
      { traceId: 't' },
      hostileProxy,
    ]) {
      await expect(evaluateRails([], bad as never, options())).rejects.toThrow(
        code('invalid_input'),
      );
    }
  });

  it('rejects malformed options with invalid_input', async () => {
    for (const bad of [
      null,
      { clock: {} },
      { idGenerator: 'x' },
      { abortSignal: { aborted: false } },
    ]) {
      await expect(evaluateRails([], context, bad as never)).rejects.toThrow(code('invalid_input'));
    }
  });
});
