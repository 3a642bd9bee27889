import { createSeededRandom } from '@guardloop/core/internal';
import {
  collapseDuplicatesTransformer,
  englishDataset,
  englishRecommendedBlacklistMatcherTransformers,
  type Node,
  type ParsedPattern,
  SyntaxKind,
  type TransformerContainer,
  toAsciiLowerCaseTransformer,
} from 'obscenity';
import { describe, expect, it } from 'vitest';
import { createBrandSafetyCheck } from './check-brand-safety';
import { anyTermRegExp, maskLetterlessTokens, transform } from './detect-profanity';

// Regression tests for the hand-written fast paths of the brand-safety check: each must give
// what the regex-based code it replaced gave.
const token = /[\p{L}\p{N}@$!|(/]+/gu;
const letter = /\p{L}/u;
const byRegex = (text: string) =>
  text.replace(token, (run) => (letter.test(run) ? run : '#'.repeat(run.length)));

describe('maskLetterlessTokens', () => {
  it('masks exactly what the token regex masks, on random ASCII and non-ASCII texts', () => {
    const random = createSeededRandom(7);
    const alphabet = 'ab5Z09@$!|(/-. #_\n+%é٣';
    for (let round = 0; round < 2000; round++) {
      const length = Math.floor(random() * 24);
      let text = '';
      for (let index = 0; index < length; index++) {
        // Mostly ASCII, so both paths are exercised.
        const pool = round % 5 === 0 ? alphabet : alphabet.slice(0, -2);
        text += pool[Math.floor(random() * pool.length)];
      }
      expect(maskLetterlessTokens(text)).toBe(byRegex(text));
    }
  });

  it('returns the same string when nothing is masked', () => {
    const text = 'Hello, I sent the reset link.';
    expect(maskLetterlessTokens(text)).toBe(text);
    expect(maskLetterlessTokens('order 455, ref a55')).toBe('order ###, ref a55');
  });
});

describe('createBrandSafetyCheck patterns', () => {
  it('finds every match of a pattern, as matchAll does, and steps over empty matches', () => {
    const text = 'refund 😀 refund';
    const check = createBrandSafetyCheck({
      profanity: false,
      patterns: [
        { id: 'word', pattern: /refund/, verdict: 'escalate', reason: 'Refund.' },
        { id: 'empty', pattern: /x*/u, verdict: 'escalate', reason: 'Empty.' },
      ],
    });
    const findings = check(text);
    expect(findings.filter((finding) => finding.id === 'word')).toHaveLength(2);
    // One empty match per code point boundary, the emoji counted once.
    expect(findings.filter((finding) => finding.id === 'empty')).toHaveLength(
      [...text.matchAll(/x*/gu)].length,
    );
    // Checking again gives the same findings: no state is left in the patterns.
    expect(check(text)).toEqual(findings);
  });
});

// The flat alternation `anyTermRegExp` groups: each pattern as obscenity compiles it.
const specials = new Set(['[', ']', '.', '*', '+', '?', '^', '$', '{', '}', '(', ')', '|', '\\']);
const escaped = (char: number) =>
  (specials.has(String.fromCodePoint(char)) ? '\\' : '') + String.fromCodePoint(char);
const nodeSource = (node: Node): string =>
  node.kind === SyntaxKind.Literal
    ? node.chars.map(escaped).join('')
    : node.kind === SyntaxKind.Optional
      ? `(?:${nodeSource(node.childNode)})?`
      : node.kind === SyntaxKind.Wildcard
        ? '.'
        : '';
const flatAlternation = (patterns: readonly ParsedPattern[]) =>
  new RegExp(
    patterns
      .map(
        (pattern) =>
          `(?:${pattern.requireWordBoundaryAtStart ? '\\b' : ''}${pattern.nodes.map(nodeSource).join('')}${pattern.requireWordBoundaryAtEnd ? '\\b' : ''})`,
      )
      .join('|'),
    's',
  );

describe('anyTermRegExp', () => {
  const patterns = englishDataset.build().blacklistedTerms.map(({ pattern }) => pattern);
  const grouped = anyTermRegExp(patterns);
  const flat = flatAlternation(patterns);

  it('matches exactly the texts the flat alternation of the patterns matches', () => {
    const random = createSeededRandom(11);
    // Every pattern's letters, spaces and a few symbols: random texts hit and miss patterns.
    const alphabet = 'abcdefghijklmnopqrstuvwxyz   .-\n_1';
    const literals = patterns.flatMap((pattern) =>
      pattern.nodes.flatMap((node) => (node.kind === SyntaxKind.Literal ? [node.chars] : [])),
    );
    let matched = 0;
    for (let round = 0; round < 4000; round++) {
      let text = '';
      const pieces = 1 + Math.floor(random() * 4);
      for (let piece = 0; piece < pieces; piece++) {
        if (random() < 0.5) {
          const chars = literals[Math.floor(random() * literals.length)] as number[];
          text += String.fromCodePoint(...chars);
        } else {
          const length = Math.floor(random() * 6);
          for (let index = 0; index < length; index++) {
            text += alphabet[Math.floor(random() * alphabet.length)];
          }
        }
      }
      const expected = flat.test(text);
      if (expected) matched += 1;
      expect(grouped.test(text), JSON.stringify(text)).toBe(expected);
    }
    // Both outcomes were exercised.
    expect(matched).toBeGreaterThan(400);
    expect(matched).toBeLessThan(3600);
  });

  it('groups patterns without a literal first, and never matches with no pattern', () => {
    const optionalFirst: ParsedPattern = {
      nodes: [
        { kind: SyntaxKind.Optional, childNode: { kind: SyntaxKind.Literal, chars: [120] } },
        { kind: SyntaxKind.Literal, chars: [121, 122] },
      ],
      requireWordBoundaryAtStart: true,
      requireWordBoundaryAtEnd: false,
    };
    const regex = anyTermRegExp([...patterns.slice(0, 5), optionalFirst]);
    for (const text of ['yz', 'xyz', 'a yz', 'ayz', 'abo', 'xabo']) {
      expect(regex.test(text), text).toBe(
        flatAlternation([...patterns.slice(0, 5), optionalFirst]).test(text),
      );
    }
    expect(anyTermRegExp([]).test('anything at all')).toBe(false);
  });
});

// Each container's own transform, one code point at a time: what `transform` runs inline.
function transformByContainers(text: string, containers: readonly TransformerContainer[]) {
  const steps = containers.map((container) =>
    'factory' in container ? container.factory() : { transform: container.transform },
  );
  let out = '';
  for (const char of text) {
    let code: number | undefined = char.codePointAt(0) as number;
    for (const step of steps) {
      if (code === undefined) break;
      code = step.transform(code);
    }
    if (code !== undefined) out += String.fromCodePoint(code);
  }
  return out;
}

describe('transform', () => {
  const whitelistLike = [
    toAsciiLowerCaseTransformer(),
    collapseDuplicatesTransformer({
      defaultThreshold: Number.POSITIVE_INFINITY,
      customThresholds: new Map([[' ', 1]]),
    }),
  ];
  const zeroThreshold = [collapseDuplicatesTransformer({ customThresholds: new Map([['z', 0]]) })];

  it('gives what the transformers give, one code point at a time, for every configuration', () => {
    const random = createSeededRandom(5);
    const alphabet = 'aaabbbeeoollssggzzz  AB$@1!|(.é😀ﬁ';
    const units = [...alphabet];
    for (let round = 0; round < 3000; round++) {
      const length = Math.floor(random() * 20);
      let text = '';
      for (let index = 0; index < length; index++) {
        text += units[Math.floor(random() * units.length)];
      }
      for (const containers of [
        englishRecommendedBlacklistMatcherTransformers,
        whitelistLike,
        zeroThreshold,
      ]) {
        expect(transform(text, containers), JSON.stringify(text)).toBe(
          transformByContainers(text, containers),
        );
      }
    }
  });
});
