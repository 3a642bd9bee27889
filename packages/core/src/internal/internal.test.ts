import { describe, expect, it } from 'vitest';
import {
  abortOptionsSchema,
  canonicalJson,
  combineRailResults,
  createSeededRandom,
  findStorableJsonIssue,
  hashCanonicalJson,
  isStorableText,
  type StorableJsonOptions,
  sha256,
  shuffle,
  storableTextSchema,
  summarizeIssues,
  toStorableString,
  unstorableStringReason,
  unstorableTextReason,
} from './index';

// Hashes recorded by the undo log before the helper moved to core: they must never change, or
// every approval bound to an input hash and every idempotent replay breaks.
const hashVectors: Array<[unknown, string, string]> = [
  [
    { b: 1, a: [true, null, 'x'] },
    '{"a":[true,null,"x"],"b":1}',
    '54a65415ad370228851a1da4b31b6fd42dc58b19a50d35cae759325f7388ce64',
  ],
  [
    {
      amount: 12.5,
      currency: 'EUR',
      note: 'Refund  Über 😀',
      nested: { z: undefined, y: [1, undefined] },
    },
    '{"amount":12.5,"currency":"EUR","nested":{"y":[1,null]},"note":"Refund  Über 😀"}',
    '65d0397a4b7ce191306148948f2ee5c53900ac09fb4f82f73056fb35a9633925',
  ],
  ['plain', '"plain"', '945603a8f587786b463c3f94fce115c0fae88fac2728cc96ddf5981cf7f61741'],
  [[], '[]', '4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945'],
  [
    { date: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), big: 10n, f: () => 1 },
    '{"big":"10","date":"2026-01-02T03:04:05.000Z"}',
    'cf181a043e9e5843e9bf6ccc91f5ecb319139dd8320794f03df262a6a19f38ea',
  ],
  [
    { é: 1, e: 2, E: 3, '10': 4, '9': 5 },
    '{"10":4,"9":5,"E":3,"e":2,"é":1}',
    'ddeb4d82f29a3f35c23e76278c799ecab2b5dc5d23463f96587d7114fb0404ec',
  ],
];

describe('canonicalJson and hashCanonicalJson', () => {
  it.each(hashVectors.map((vector, index) => [index, ...vector] as const))(
    'keep the recorded text and hash of vector %i',
    (_index, value, text, hash) => {
      expect(canonicalJson(value)).toBe(text);
      expect(hashCanonicalJson(value)).toBe(hash);
      expect(sha256(text)).toBe(hash);
    },
  );

  it('ignore key order and keep every other difference', () => {
    expect(hashCanonicalJson({ a: 1, b: { c: 'x', d: 2 } })).toBe(
      hashCanonicalJson({ b: { d: 2, c: 'x' }, a: 1 }),
    );
    expect(hashCanonicalJson({ note: 'Refund' })).not.toBe(hashCanonicalJson({ note: 'refund' }));
  });

  it('digest as base64url on request', () => {
    expect(sha256('x', 'base64url')).toBe(Buffer.from(sha256('x'), 'hex').toString('base64url'));
  });
});

describe('createSeededRandom', () => {
  // The sequences feedback and semantic drew before they shared this one.
  it.each([
    [0, [0.26642920868471265, 0.0003297457005828619, 0.2232720274478197, 0.1462021479383111]],
    [42, [0.6011037519201636, 0.44829055899754167, 0.8524657934904099, 0.6697340414393693]],
    [-7, [0.43306733411736786, 0.32539576734416187, 0.5442695003002882, 0.48018999374471605]],
    [1.9, [0.6270739405881613, 0.002735721180215478, 0.5274470399599522, 0.9810509674716741]],
    [4294967295, [0.8964226141106337, 0.189478256739676, 0.7156526781618595, 0.9440599093213677]],
  ])('draws the recorded sequence for seed %d', (seed, expected) => {
    expect(Array.from({ length: 4 }, createSeededRandom(seed))).toEqual(expected);
  });

  it('rejects a seed that is not a finite number', () => {
    for (const seed of [Number.NaN, Number.POSITIVE_INFINITY, '1', undefined]) {
      expect(() => createSeededRandom(seed as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
  });

  it('shuffles reproducibly into a new array', () => {
    const items = [1, 2, 3, 4, 5, 6];
    const once = shuffle(items, createSeededRandom(3));
    expect(shuffle(items, createSeededRandom(3))).toEqual(once);
    expect([...once].sort()).toEqual(items);
    expect(items).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('storable strings', () => {
  it('names NUL and lone surrogates, and accepts pairs', () => {
    expect(unstorableStringReason('a\u0000b')).toBe('must not contain NUL (U+0000)');
    expect(unstorableStringReason('a\uD800b')).toBe('must not contain lone UTF-16 surrogates');
    expect(unstorableStringReason('a😀b')).toBeUndefined();
  });

  it('counts the byte limit in UTF-8', () => {
    expect(unstorableTextReason('é'.repeat(5), 10)).toBeUndefined();
    expect(unstorableTextReason('é'.repeat(6), 10)).toBe('must be at most 10 UTF-8 bytes');
    expect(isStorableText('é'.repeat(5), 10)).toBe(true);
    expect(isStorableText('é'.repeat(6), 10)).toBe(false);
    expect(isStorableText('', 10)).toBe(false);
    expect(isStorableText(7, 10)).toBe(false);
  });

  it('labels the issues of its schema', () => {
    const schema = storableTextSchema({ label: 'Key', maxBytes: 4 });
    expect(schema.safeParse('abcd').success).toBe(true);
    expect(schema.safeParse('abcde').error?.issues[0]?.message).toBe(
      'Key must be at most 4 UTF-8 bytes',
    );
    expect(schema.safeParse('a\u0000').error?.issues[0]?.message).toBe(
      'Key must not contain NUL (U+0000)',
    );
    expect(schema.safeParse('').success).toBe(false);
  });

  it('cleans diagnostics without cutting a surrogate pair', () => {
    expect(toStorableString('a\u0000\uDC00', 10)).toBe('a\uFFFD\uFFFD');
    expect(toStorableString('ab😀cd', 4)).toBe('ab…');
  });
});

describe('findStorableJsonIssue', () => {
  const plain: StorableJsonOptions = { semantics: 'plain', maxDepth: 3, maxChars: 20 };
  const stringify: StorableJsonOptions = { semantics: 'stringify', maxDepth: 3, maxChars: 20 };

  it('accepts plain JSON in both semantics', () => {
    const value = { a: [1, 'x', null, true], b: { c: 0 } };
    expect(findStorableJsonIssue(value, plain)).toBeUndefined();
    expect(findStorableJsonIssue(value, stringify)).toBeUndefined();
  });

  it('finds what neither can keep, with its path', () => {
    for (const options of [plain, stringify]) {
      expect(findStorableJsonIssue({ a: ['x', 'b\u0000'] }, options)).toEqual({
        path: ['a', 1],
        message: 'String must not contain NUL (U+0000)',
      });
      expect(findStorableJsonIssue({ 'k\uD800': 1 }, options)?.message).toBe(
        'Key must not contain lone UTF-16 surrogates',
      );
      expect(findStorableJsonIssue({ a: { b: { c: {} } } }, options)).toEqual({
        path: ['a', 'b', 'c'],
        message: 'Nested deeper than 3 levels',
      });
      expect(findStorableJsonIssue({ a: 'x'.repeat(30) }, options)?.message).toBe(
        'Too large: over 20 characters',
      );
      expect(findStorableJsonIssue([Number.NaN], options)?.path).toEqual([0]);
      const throwing = Object.defineProperty({}, 'bad', {
        enumerable: true,
        get() {
          throw new Error('boom');
        },
      });
      expect(findStorableJsonIssue(throwing, options)).toEqual({
        path: ['bad'],
        message: 'Reading it threw: boom',
      });
    }
  });

  it("'plain' accepts only what jsonb returns unchanged", () => {
    expect(findStorableJsonIssue({ a: -0 }, plain)?.message).toBe(
      '-0 does not survive JSON: use 0',
    );
    expect(findStorableJsonIssue({ a: new Date(0) }, plain)?.message).toBe(
      'Only plain objects are JSON, not Date',
    );
    expect(findStorableJsonIssue({ a: undefined }, plain)?.message).toBe(
      'undefined is not JSON: leave the key out',
    );
    expect(findStorableJsonIssue({ a: undefined }, { ...plain, skipUndefined: true })).toBe(
      undefined,
    );
    expect(findStorableJsonIssue([() => 1], plain)?.message).toBe('function is not JSON');
    expect(findStorableJsonIssue(Object.create(null), plain)).toBeUndefined();
  });

  it("'stringify' follows JSON.stringify and refuses what it would lose", () => {
    expect(
      findStorableJsonIssue(
        { a: new Date(0), b: undefined, c: -0 },
        { ...stringify, maxChars: 40 },
      ),
    ).toBe(undefined);
    expect(findStorableJsonIssue({ a: new Map() }, stringify)?.message).toBe(
      'JSON keeps nothing of a Map: convert it to plain data',
    );
    expect(findStorableJsonIssue({ a: 1n }, stringify)?.message).toBe(
      'A bigint is not JSON: convert it to a string or a number',
    );
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(findStorableJsonIssue(cycle, { ...stringify, maxDepth: 100 })).toEqual({
      path: ['self'],
      message: 'Circular reference',
    });
    const badJson = {
      toJSON() {
        throw new Error('nope');
      },
    };
    expect(findStorableJsonIssue({ x: badJson }, stringify)).toEqual({
      path: ['x'],
      message: 'Converting it to JSON threw: nope',
    });
  });
});

describe('abortOptionsSchema', () => {
  it('takes no options or an AbortSignal, nothing else', () => {
    expect(abortOptionsSchema.safeParse(undefined).success).toBe(true);
    expect(
      abortOptionsSchema.safeParse({ abortSignal: new AbortController().signal }).success,
    ).toBe(true);
    expect(abortOptionsSchema.safeParse({ abortSignal: {} }).success).toBe(false);
  });
});

describe('summarizeIssues', () => {
  it('shows the first issues and counts the rest', () => {
    const issues = Array.from({ length: 7 }, (_, index) => ({
      path: `a.${index}`,
      message: 'bad',
    }));
    expect(summarizeIssues(issues.slice(0, 2))).toBe('a.0: bad; a.1: bad');
    expect(summarizeIssues(issues, 3)).toBe('a.0: bad; a.1: bad; a.2: bad (and 4 more)');
    expect(summarizeIssues([{ path: '', message: 'Required' }])).toBe('Required');
  });
});

describe('combineRailResults', () => {
  const base = { id: 'd-1', traceId: 't-1', decidedAt: 5, durationMs: 2 };
  const result = (rail: string, verdict: 'allow' | 'deny' | 'escalate') => ({
    rail,
    kind: 'deterministic' as const,
    status: 'completed' as const,
    verdict,
    reason: `${verdict} reason`,
    startedAt: 5,
    durationMs: 1,
  });

  it('lets the first deny win, then names every escalation, else allows', () => {
    const rails = [result('a', 'escalate'), result('b', 'deny'), result('c', 'deny')];
    expect(combineRailResults(rails, base)).toMatchObject({
      verdict: 'deny',
      reason: 'b: deny reason',
      decidedBy: 'b',
      rails,
      ...base,
    });
    expect(
      combineRailResults([result('a', 'escalate'), result('b', 'escalate')], base),
    ).toMatchObject({
      verdict: 'escalate',
      reason: 'a: escalate reason | b: escalate reason',
      decidedBy: 'a',
    });
    expect(combineRailResults([result('a', 'allow')], base)).toMatchObject({
      verdict: 'allow',
      reason: 'All 1 rails allowed.',
    });
    expect(combineRailResults([], base).reason).toBe('No rails are configured.');
  });
});
