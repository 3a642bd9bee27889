import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { type CustomOperation, compileJsonLogic } from './compile-json-logic';
import { jsonLogic } from './json-logic';
import { builtInOperators } from './json-logic-operations';

const noOperations = new Map<string, CustomOperation>();
const compile = (logic: unknown, operations = noOperations) =>
  compileJsonLogic(logic, { ruleId: 'r1', operations });

const data = {
  a: 1,
  b: { c: 2, d: [10, 20] },
  integers: [1, 2, 3, 4, 5],
  items: [{ qty: 1 }, { qty: 2 }],
  text: 'jsonlogic',
  nothing: null,
  empty: '',
};

// Every built-in operator with its edge cases: the compiled closure must answer exactly what
// json-logic-js's interpreter answers (or throw when it throws).
const corpus: unknown[] = [
  true,
  false,
  0,
  'text',
  null,
  [1, 'a', null],
  [{ var: 'a' }, 2],
  { '==': [1, 1] },
  { '==': [1, '1'] },
  { '==': [0, false] },
  { '==': [null, 0] },
  { '===': [1, '1'] },
  { '!=': [1, 2] },
  { '!=': ['1', 1] },
  { '!==': [1, 1] },
  { '>': [2, 1] },
  { '>': ['2', 1] },
  { '>=': [1, 1] },
  { '>=': ['a', 'b'] },
  { '==': [{ var: 'nothing' }, null] },
  { '!==': [{ var: 'b.c' }, 2] },
  { '>=': [{ var: 'b.c' }, '2'] },
  { '<=': [{ var: 'zz' }, 0] },
  { '<': [{ var: ['zz', 5] }, 6] },
  { '!=': [{ var: '' }, 1] },
  { '===': [{ var: 'b.d.0' }, 10] },
  { '>': [{ var: 'text.length' }, 3] },
  { '==': [{ var: 'a' }, [1]] },
  { '<': [1, 2, 3] },
  { '<': [1, 1, 3] },
  { '<': [1, 4, 3] },
  { '<=': [1, 1, 3] },
  { '<=': [2, 1] },
  { '!': [true] },
  { '!': true },
  { '!': [[]] },
  { '!': [] },
  { '!!': ['0'] },
  { '!!': [[]] },
  { '!!': [0] },
  { and: [true, false] },
  { and: [] },
  { and: [1, 'a'] },
  { and: [1, 0, 'a'] },
  { or: [false, 0, 'a'] },
  { or: [] },
  { or: [false, []] },
  { if: [true, 'yes', 'no'] },
  { if: [false, 'yes', 'no'] },
  { if: [false, 1, false, 2, 3] },
  { if: [false, 1] },
  { if: [] },
  { if: [[], 'a', 'b'] },
  { if: 'lonely' },
  { '?:': [true, 1, 2] },
  { var: 'a' },
  { var: ['a'] },
  { var: ['z', 26] },
  { var: 'b.c' },
  { var: 'b.d.1' },
  { var: 'b.x.y' },
  { var: '' },
  { var: [] },
  { var: null },
  { var: 'nothing' },
  { var: ['nothing', 'default'] },
  { var: 'text.length' },
  { var: { cat: ['b', '.c'] } },
  { var: ['zz', { var: 'a' }] },
  { var: ['a', 1, 2] },
  { missing: ['a', 'zz', 'b.c', 'empty', 'nothing'] },
  { missing: { merge: [['a'], ['q']] } },
  { missing: [] },
  { missing: [['a', 'zz']] },
  { var: ['zz', []] },
  { var: ['zz', [1, 'a']] },
  { in: [1, { var: ['zz', [1]] }] },
  { in: ['x', { var: ['zz', []] }] },
  { missing_some: [1, ['a', 'zz', 'qq']] },
  { missing_some: [2, ['a', 'zz', 'qq']] },
  { missing_some: [1, null] },
  { in: ['Spring', 'Springfield'] },
  { in: ['a', ['a', 'b']] },
  { in: ['c', ['a', 'b']] },
  { in: ['a', null] },
  { in: [{ var: 'a' }, [1, 2]] },
  { in: [{ var: 'zz' }, [null]] },
  { in: ['son', { var: 'text' }] },
  { in: [20, { var: 'b.d' }] },
  { in: [1, { var: 'a' }] },
  { in: [{ var: 'b' }, [1]] },
  { in: ['a', 5] },
  { in: [{ var: 'a' }, { var: 'integers' }] },
  { cat: ['I love', ' pie'] },
  { cat: ['a', 1, null, true] },
  { cat: 'x' },
  { cat: [] },
  { substr: ['jsonlogic', 4] },
  { substr: ['jsonlogic', -5] },
  { substr: ['jsonlogic', 1, 3] },
  { substr: ['jsonlogic', 4, -2] },
  { substr: [12345, 1] },
  { '+': [1, '2'] },
  { '+': [] },
  { '+': ['3'] },
  { '+': [1, 2, 3, 4] },
  { '+': ['abc', 1] },
  { '*': [2, '3'] },
  { '*': ['3'] },
  { '*': [1, 2, 3] },
  { '*': [] },
  { '-': [5, 2] },
  { '-': [2] },
  { '-': '3' },
  { '/': [4, 2] },
  { '/': [1, 0] },
  { '%': [7, 3] },
  { max: [1, 3, 2] },
  { min: [1, 3, 2] },
  { min: [] },
  { max: [] },
  { merge: [] },
  { merge: [[1, 2], [3]] },
  { merge: [1, [2, [3]]] },
  { map: [{ var: 'integers' }, { '*': [{ var: '' }, 2] }] },
  { map: [{ var: 'nope' }, { var: '' }] },
  { filter: [{ var: 'integers' }, { '%': [{ var: '' }, 2] }] },
  { filter: [5, true] },
  { reduce: [{ var: 'integers' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 0] },
  { reduce: [{ var: 'integers' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }] },
  { reduce: [{ var: 'nope' }, { var: 'current' }, 5] },
  { all: [{ var: 'integers' }, { '>=': [{ var: '' }, 1] }] },
  { all: [[], true] },
  { all: [[1, 0], { var: '' }] },
  { none: [[], true] },
  { none: [{ var: 'integers' }, { '>': [{ var: '' }, 10] }] },
  { none: [[0, 1], { var: '' }] },
  { some: [[], true] },
  { some: [{ var: 'items' }, { '==': [{ var: 'qty' }, 2] }] },
  { some: ['x', true] },
  {
    and: [
      { '==': [{ var: 'b.c' }, 2] },
      { or: [{ in: ['json', { var: 'text' }] }, { '>': [{ var: 'a' }, 100] }] },
      { '!': { missing: ['a'] } },
    ],
  },
];

function outcome(run: () => unknown): { value: unknown } | { threw: true } {
  try {
    return { value: run() };
  } catch {
    return { threw: true };
  }
}

describe('compileJsonLogic', () => {
  it.each(corpus.map((logic) => [JSON.stringify(logic), logic]))(
    'answers %s like json-logic-js',
    (_, logic) => {
      const expected = outcome(() => jsonLogic.apply(logic as never, data));
      expect(outcome(() => compile(logic)(data))).toEqual(expected);
    },
  );

  it('knows exactly the operators json-logic-js knows', () => {
    for (const operator of builtInOperators) {
      const error = outcome(() => jsonLogic.apply({ [operator]: [] } as never, {}));
      if ('threw' in error) {
        expect(() => jsonLogic.apply({ [operator]: [] } as never, {})).not.toThrow(
          /Unrecognized operation/,
        );
      }
    }
    expect(() => jsonLogic.apply({ regex: [] } as never, {})).toThrow(/Unrecognized operation/);
    // The ReservedOperations of @types/json-logic-js, plus `?:`, an alias of `if` in logic.js.
    const reserved =
      'var missing missing_some if == === != !== ! !! or and > >= < <= max min + - * / % map filter reduce all none some merge in cat substr log ?:';
    expect([...builtInOperators].sort()).toEqual(reserved.split(' ').sort());
  });

  it('rejects an unknown operator at load time, naming where it is', () => {
    const attempt = () => compile({ and: [{ '==': [1, 1] }, { '!': { regex: ['a', 'b'] } }] });
    expect(attempt).toThrow(
      expect.objectContaining({
        code: 'unknown_operator',
        operator: 'regex',
        path: 'when.and.1.!',
        ruleId: 'r1',
      }),
    );
    expect(() => compile([{ nope: 1 }])).toThrow(expect.objectContaining({ path: 'when.0' }));
  });

  it('rejects objects that are not single-operator expressions', () => {
    for (const logic of [{}, { '==': [1, 1], '!=': [1, 2] }, { and: [{ a: 1, b: 2 }] }]) {
      let caught: unknown;
      try {
        compile(logic);
      } catch (error) {
        caught = error;
      }
      expect(GuardloopError.hasCode(caught, 'invalid_rule')).toBe(true);
    }
  });

  it('calls custom operations with the evaluated arguments and the data as this', () => {
    const operations = new Map<string, CustomOperation>([
      ['startsWith', (text: string, prefix: string) => text.startsWith(prefix)],
      [
        'plan',
        function (this: { attributes: { plan: string } }) {
          return this.attributes.plan;
        },
      ],
    ]);
    const test = compile(
      { and: [{ startsWith: [{ var: 'resource' }, 'invoice:'] }, { '==': [{ plan: [] }, 'pro'] }] },
      operations,
    );
    expect(test({ resource: 'invoice:42', attributes: { plan: 'pro' } })).toBe(true);
    expect(test({ resource: 'account:42', attributes: { plan: 'pro' } })).toBe(false);
  });

  it('does not let a custom operation alter a literal list for later evaluations', () => {
    const operations = new Map<string, CustomOperation>([
      ['append', (list: unknown[], item: unknown) => list.push(item)],
    ]);
    const test = compile({ append: [['a'], 'b'] }, operations);
    expect(() => test({})).toThrow(TypeError);
    expect(compile({ in: ['b', ['a']] })({})).toBe(false);
  });
});
