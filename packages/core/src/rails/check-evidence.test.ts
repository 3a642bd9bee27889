import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../utils/seeded-random';
import { checkEvidence, sealEvidence } from './check-evidence';

// checkEvidence must throw exactly when JSON.stringify throws: it replaced a JSON.stringify of
// every verdict's evidence on the engine's hot path.
const throwsOnStringify = (value: unknown) => {
  try {
    JSON.stringify(value);
    return false;
  } catch {
    return true;
  }
};
const throwsOnCheck = (value: unknown) => {
  try {
    checkEvidence(value);
    return false;
  } catch {
    return true;
  }
};

class Point {
  constructor(
    readonly x: number,
    readonly y: unknown,
  ) {}
}

/** Leaves that serialise, and leaves that do not, mixed into random trees. */
function hostileLeaf(random: () => number): unknown {
  const leaves: Array<() => unknown> = [
    () => 1.5,
    () => 'text',
    () => null,
    () => undefined,
    () => true,
    () => Number.NaN,
    () => () => 1,
    () => Symbol('s'),
    () => 10n,
    () => Object(10n),
    () => new Date(0),
    () => new Date(Number.NaN),
    () => new Map([[1, 2]]),
    () => new Uint8Array([1, 2]),
    () => new Point(1, 2),
    () => new Point(1, 3n),
    () => ({ toJSON: () => 1n }),
    () => ({ toJSON: (key: string) => `at ${key}` }),
    () => ({
      toJSON() {
        throw new Error('no');
      },
    }),
    () =>
      Object.defineProperty({}, 'broken', {
        enumerable: true,
        get() {
          throw new Error('getter');
        },
      }),
    () =>
      Object.defineProperty({}, 'hidden', {
        enumerable: false,
        get() {
          throw new Error('never read');
        },
      }),
    () => Object.create(null),
    () => new Proxy({ a: 1 }, {}),
    // biome-ignore lint/suspicious/noSparseArray: a hole reads as undefined, serialised as null.
    () => [1, , 3],
  ];
  return (leaves[Math.floor(random() * leaves.length)] as () => unknown)();
}

function hostileTree(random: () => number, depth: number): unknown {
  if (depth === 0 || random() < 0.3) return hostileLeaf(random);
  const size = Math.floor(random() * 4);
  if (random() < 0.4) return Array.from({ length: size }, () => hostileTree(random, depth - 1));
  const object: Record<string, unknown> = {};
  for (let index = 0; index < size; index++) object[`k${index}`] = hostileTree(random, depth - 1);
  return object;
}

describe('checkEvidence', () => {
  it('throws exactly when JSON.stringify throws, on thousands of hostile values', () => {
    const random = createSeededRandom(14);
    for (let round = 0; round < 5000; round++) {
      const value = hostileTree(random, 4);
      // Root-level functions, symbols and bigints are refused outright (JSON.stringify returns
      // undefined for the first two); compare objects only.
      if (typeof value !== 'object' || value === null) continue;
      expect(throwsOnCheck(value), `round ${round}`).toBe(throwsOnStringify(value));
    }
  });

  it('refuses cycles, also through a class instance, and accepts repeated references', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = { inner: cyclic };
    expect(() => checkEvidence(cyclic)).toThrow(TypeError);
    const viaInstance: Record<string, unknown> = {};
    viaInstance.point = new Point(1, viaInstance);
    expect(() => checkEvidence(viaInstance)).toThrow(TypeError);
    const shared = { x: 1 };
    expect(checkEvidence({ a: shared, b: [shared, shared] })).toEqual({
      a: shared,
      b: [shared, shared],
    });
  });

  it('starts every check afresh after one that threw midway', () => {
    let reads = 0;
    const once = {
      get value() {
        reads += 1;
        if (reads === 1) throw new Error('not yet');
        return 1;
      },
    };
    expect(() => checkEvidence({ once })).toThrow('not yet');
    // The object the failed walk had open is not taken for a cycle now.
    expect(checkEvidence({ once })).toEqual({ once });
    // Deeper than the walk's stack: the walk gives up with every level still open.
    let deep: unknown = { leaf: once };
    for (let level = 0; level < 20_000; level++) deep = { deep };
    expect(throwsOnCheck(deep)).toBe(throwsOnStringify(deep));
    expect(checkEvidence({ again: once, deep: { leaf: once } })).toEqual({
      again: once,
      deep: { leaf: once },
    });
  });

  it('keeps its walk when a toJSON checks other evidence midway (a nested decision)', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    let calls = 0;
    const nested = {
      toJSON: () => {
        calls += 1;
        expect(() => checkEvidence(cyclic)).toThrow(TypeError);
        expect(checkEvidence({ fine: [1, 2] })).toEqual({ fine: [1, 2] });
        return 'nested';
      },
    };
    const outer: Record<string, unknown[]> = { list: [nested] };
    outer.list?.push(outer);
    expect(() => JSON.stringify(outer)).toThrow(TypeError);
    calls = 0;
    expect(() => checkEvidence(outer)).toThrow(TypeError);
    // Refused as JSON.stringify refuses it, at the cycle, after one call: the nested check left
    // the objects open around it as they were.
    expect(calls).toBe(1);
    const shared = { n: 1 };
    expect(checkEvidence({ list: [nested, shared], shared })).toEqual({
      list: [nested, shared],
      shared,
    });
  });

  it('passes each toJSON the key it is found under', () => {
    const keys: string[] = [];
    const spy = { toJSON: (key: string) => keys.push(key) };
    checkEvidence({ first: spy, list: [spy] });
    expect(keys).toEqual(['first', '0']);
  });

  it('leaves nesting deeper than its own stack and huge values to JSON.stringify', () => {
    let deep: unknown = {};
    for (let level = 0; level < 20_000; level++) deep = { deep };
    expect(throwsOnCheck(deep)).toBe(throwsOnStringify(deep));
    const big = { items: Array.from({ length: 200_000 }, (_, index) => index) };
    expect(checkEvidence(big)).toBe(big);
  });
});

describe('sealEvidence', () => {
  it('returns a deep-frozen JSON copy that checkEvidence passes as it is', () => {
    const original = { level: 'full', slos: [{ burnRates: { '5m': 0.5 } }], skipped: undefined };
    const sealed = sealEvidence(original);
    expect(sealed).not.toBe(original);
    expect(sealed).toEqual({ level: 'full', slos: [{ burnRates: { '5m': 0.5 } }] });
    expect(Object.isFrozen(sealed)).toBe(true);
    expect(Object.isFrozen(sealed.slos[0]?.burnRates)).toBe(true);
    expect(checkEvidence(sealed)).toBe(sealed);
    // The original is left as it was, and still walked.
    expect(Object.isFrozen(original)).toBe(false);
  });

  it('throws where checkEvidence would', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => sealEvidence(cyclic)).toThrow(TypeError);
    expect(() => sealEvidence({ count: 1n })).toThrow(TypeError);
  });
});
