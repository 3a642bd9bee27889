import { createSeededRandom } from '@guardloop/core/internal';
import { describe, expect, it } from 'vitest';
import { type CustomOperation, compileJsonLogic, readsAnything } from './compile-json-logic';
import { generateRuleTest } from './generate-rule-test';
import { jsonLogic } from './json-logic';

const operations = new Map<string, CustomOperation>([
  ['twice', ((value: number) => value * 2) as CustomOperation],
]);
const options = { ruleId: 'r1', operations };

const random = createSeededRandom(14);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const paths = ['', 'a', 'a.b', 'a.b.c', 'a.b.c.d', 'list', 'text', 'flag', 'missing.x', 'n', '0'];
const literals: readonly unknown[] = [0, 1, -2, 2.5, '', 'x', 'a', '1', true, false, null];

function randomVar(): unknown {
  const path = pick(paths);
  const shape = random();
  if (shape < 0.4) return { var: path };
  if (shape < 0.6) return { var: [path] };
  if (shape < 0.8) return { var: [path, pick(literals)] };
  if (shape < 0.9) return { var: [path, ['x', 1]] };
  return { var: [{ cat: ['a', pick(['', '.b'])] }] };
}

/** A random json-logic expression mixing the shapes the generator handles and the others. */
function randomLogic(depth: number): unknown {
  if (depth === 0 || random() < 0.25) return random() < 0.5 ? randomVar() : pick(literals);
  const operator = pick([
    '==',
    '===',
    '!=',
    '!==',
    '>',
    '>=',
    '<',
    '<=',
    'and',
    'or',
    '!',
    '!!',
    'in',
    'if',
    '+',
    'twice',
    'some',
  ]);
  const count = operator === '!' || operator === '!!' || operator === 'twice' ? 1 : 2;
  const extra = random() < 0.2 ? 1 : random() < 0.1 ? -1 : 0;
  const args = Array.from({ length: Math.max(0, count + extra) }, () => randomLogic(depth - 1));
  if (operator === 'in' && random() < 0.5) args[1] = ['x', 1, 'a', true];
  if (operator === 'some') return { some: [{ var: 'list' }, { '==': [{ var: '' }, 1] }] };
  return { [operator]: random() < 0.1 && args.length === 1 ? args[0] : args };
}

function randomData(): unknown {
  const value = () => pick([...literals, undefined, [1, 'x'], { c: pick(literals) }]);
  if (random() < 0.05) return pick([null, 7, 'text']);
  return {
    a: random() < 0.2 ? pick([null, 3, 'str']) : { b: random() < 0.2 ? null : { c: value() } },
    list: random() < 0.5 ? [1, 'x', 2] : value(),
    text: pick(['xa', 'abc', '', 1]),
    flag: value(),
    n: value(),
    '0': value(),
  };
}

function outcome(run: () => unknown): { value: unknown } | { threw: true } {
  try {
    return { value: run() };
  } catch {
    return { threw: true };
  }
}

describe('generateRuleTest', () => {
  it('answers random rules on random data exactly like the compiled closure and json-logic-js', () => {
    for (let round = 0; round < 400; round++) {
      const logic = randomLogic(4);
      const generated = generateRuleTest(logic, options);
      const compiled = compileJsonLogic(logic, options);
      for (let sample = 0; sample < 10; sample++) {
        const data = randomData();
        const expected = outcome(() => compiled(data));
        const label = JSON.stringify({ logic, data });
        expect(
          outcome(() => generated(data)),
          label,
        ).toEqual(expected);
        if (!JSON.stringify(logic).includes('twice')) {
          const reference = outcome(() => jsonLogic.apply(logic as never, data as never));
          expect(expected, label).toEqual(reference);
        }
      }
    }
  });

  it('keeps rule data out of the generated source', () => {
    const hostile = `"]; globalThis["pwned"] = true; ["`;
    const test = generateRuleTest({ '==': [{ var: hostile }, hostile] }, options);
    expect(test({ [hostile]: hostile })).toBe(true);
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  it('collects the top-level keys a rule reads, or that it may read anything', () => {
    const reads = new Set<string>();
    generateRuleTest(
      { and: [{ '==': [{ var: 'actor.type' }, 'ai'] }, { some: [{ var: 'list' }, { var: 'x' }] }] },
      { ...options, reads },
    );
    expect([...reads].sort()).toEqual(['actor', 'list']);
    generateRuleTest({ twice: [{ var: 'n' }] }, { ...options, reads });
    expect(reads.has(readsAnything)).toBe(true);
  });
});
