import { parseInput } from '@guardloop/core';
import {
  englishDataset,
  englishRecommendedBlacklistMatcherTransformers,
  englishRecommendedTransformers,
  type Node,
  type ParsedPattern,
  type ProcessedCollapseDuplicatesTransformerOptions,
  RegExpMatcher,
  SyntaxKind,
  type TransformerContainer,
} from 'obscenity';
import { textSchema } from '../text/text-schema';

export interface ProfanityMatch {
  /** The dictionary word that matched, e.g. `fuck` for "fuuuck" or "fvck". */
  word: string;
  start: number;
  /** Exclusive. */
  end: number;
}

interface Profanity {
  matcher: RegExpMatcher;
  /** Every blacklisted pattern in one alternation: matches a text iff some pattern does. */
  anyTerm: RegExp;
  transformers: readonly TransformerContainer[];
}

let profanity: Profanity | undefined;

/**
 * Profanity and slurs in English, with obscenity's recommended transformers (leet speak,
 * repeated letters, look-alike characters) and its whitelist ("Scunthorpe" is fine).
 * Leet speak is only read inside word-like tokens that contain a letter (`sh1t`, `a$$`): a token
 * of digits and symbols alone (`customer-455`, `$45.50`, `2024-05-05`) is a number, not a word.
 * Most texts are clean: one combined pass rules them out, and obscenity's per-pattern matcher
 * (a few hundred regexes) runs only on a text that matches some pattern.
 * @throws InvalidInputError (`invalid_input`) when `text` is not a string.
 */
export function detectProfanity(text: string): ProfanityMatch[] {
  // `textSchema` accepts exactly the strings: zod words the error, and costs nothing on the hot path.
  if (typeof text !== 'string') parseInput(textSchema, text, 'text');
  profanity ??= buildProfanity();
  const input = maskLetterlessTokens(text);
  // Exact prefilter: the alternation of all patterns finds a match in the transformed text
  // iff one of the patterns does; the whitelist can only remove matches.
  if (!profanity.anyTerm.test(transform(input, profanity.transformers))) return [];
  const matches: ProfanityMatch[] = [];
  for (const match of profanity.matcher.getAllMatches(input, true)) {
    // Several patterns of one word can match the same span ("sh1t"): report it once.
    const previous = matches.at(-1);
    if (previous && match.startIndex < previous.end) continue;
    const { phraseMetadata } = englishDataset.getPayloadWithPhraseMetadata(match);
    matches.push({
      word: phraseMetadata?.originalWord ?? text.slice(match.startIndex, match.endIndex + 1),
      start: match.startIndex,
      end: match.endIndex + 1,
    });
  }
  return matches;
}

function buildProfanity(): Profanity {
  const built = englishDataset.build();
  return {
    matcher: new RegExpMatcher({ ...built, ...englishRecommendedTransformers }),
    anyTerm: anyTermRegExp(built.blacklistedTerms.map(({ pattern }) => pattern)),
    transformers: englishRecommendedBlacklistMatcherTransformers,
  };
}

/**
 * One regex that matches a text iff one of `patterns` does (compiled as obscenity compiles each,
 * with its `s` flag). Patterns that start with a literal are grouped by that first character,
 * under one `\b` for those that require a word boundary at their start: the engine then tests a
 * position against a few dozen first characters, not against every pattern (3x faster on clean
 * text than the flat alternation of every pattern).
 */
export function anyTermRegExp(patterns: readonly ParsedPattern[]): RegExp {
  const bounded = new Map<string, string[]>();
  const unbounded = new Map<string, string[]>();
  const ungrouped: string[] = [];
  for (const pattern of patterns) {
    const end = pattern.requireWordBoundaryAtEnd ? '\\b' : '';
    const [first, ...rest] = pattern.nodes;
    if (first?.kind !== SyntaxKind.Literal || first.chars.length === 0) {
      const start = pattern.requireWordBoundaryAtStart ? '\\b' : '';
      ungrouped.push(`(?:${start}${pattern.nodes.map(nodeSource).join('')}${end})`);
      continue;
    }
    const [char, ...chars] = first.chars as [number, ...number[]];
    const head = literalSource([char]);
    const tail = literalSource(chars) + rest.map(nodeSource).join('') + end;
    const groups = pattern.requireWordBoundaryAtStart ? bounded : unbounded;
    const tails = groups.get(head) ?? [];
    tails.push(tail);
    groups.set(head, tails);
  }
  const alternation = (groups: Map<string, string[]>) =>
    [...groups].map(([head, tails]) => `${head}(?:${tails.join('|')})`).join('|');
  const parts = [
    ...(bounded.size > 0 ? [`\\b(?:${alternation(bounded)})`] : []),
    ...(unbounded.size > 0 ? [alternation(unbounded)] : []),
    ...ungrouped,
  ];
  // No pattern: a regex that never matches.
  return new RegExp(parts.length > 0 ? parts.join('|') : '[^\\s\\S]', 's');
}

// As obscenity compiles a pattern node to a regex (pattern/Util, which it does not export).
const special = new Set(
  ['[', ']', '.', '*', '+', '?', '^', '$', '{', '}', '(', ')', '|', '\\'].map((char) =>
    char.charCodeAt(0),
  ),
);
function literalSource(chars: readonly number[]): string {
  let source = '';
  for (const char of chars) {
    if (special.has(char)) source += '\\';
    source += String.fromCodePoint(char);
  }
  return source;
}

function nodeSource(node: Node): string {
  switch (node.kind) {
    case SyntaxKind.Literal:
      return literalSource(node.chars);
    case SyntaxKind.Optional:
      return `(?:${nodeSource(node.childNode)})?`;
    case SyntaxKind.Wildcard:
      return '.';
    default:
      return '';
  }
}

type Step = (char: number) => number | undefined;

/** The text as obscenity's blacklist transformers see it, one code point at a time. */
export function transform(text: string, containers: readonly TransformerContainer[]): string {
  const { asciiPrefix, prefix, rest, collapse } = transformPlan(containers);
  // Fresh state per text, as obscenity resets its stateful transformers after each one.
  const steps: Step[] = collapse
    ? []
    : rest.map((container) => {
        if (!('factory' in container)) return container.transform;
        const stateful = container.factory();
        return (char) => stateful.transform(char);
      });
  // The collapse-duplicates transformer's state, when it runs inline (see `TransformPlan`).
  let lastChar = -1;
  let remaining = -1;
  // UTF-16 units into a buffer sized up front (two per unit: a transformer may return a code
  // point outside the BMP), turned into a string in chunks: appending to a string one character
  // at a time made long texts cost more per KB.
  const units = scratchUnits(text.length * 2);
  let length = 0;
  for (let index = 0; index < text.length; index++) {
    let char: number | undefined = text.codePointAt(index) as number;
    if (char > 0xffff) index += 1;
    if (char < 128) {
      const mapped = asciiPrefix[char] as number;
      char = mapped === -1 ? undefined : mapped;
    } else {
      for (let step = 0; step < prefix.length && char !== undefined; step++) {
        char = (prefix[step] as Step)(char);
      }
    }
    if (char === undefined) continue;
    if (collapse) {
      // As `CollapseDuplicatesTransformer.transform`, without a call and a Map read per character.
      if (char === lastChar) {
        if (remaining-- <= 0) continue;
      } else {
        const threshold =
          char < 128
            ? (collapse.ascii[char] as number)
            : (collapse.custom.get(char) ?? collapse.fallback);
        remaining = threshold - 1;
        lastChar = char;
        if (threshold <= 0) continue;
      }
    } else {
      for (let step = 0; step < steps.length && char !== undefined; step++) {
        char = (steps[step] as Step)(char);
      }
      if (char === undefined) continue;
    }
    if (char > 0xffff) {
      char -= 0x10000;
      units[length++] = 0xd800 + (char >> 10);
      units[length++] = 0xdc00 + (char & 0x3ff);
    } else {
      units[length++] = char;
    }
  }
  let out = '';
  for (let from = 0; from < length; from += 4096) {
    // `apply`, not a spread: spreading a typed array into arguments cost 7x as much (about
    // 17 µs for 150 characters), more than the rest of the brand-safety check.
    const chunk = units.subarray(from, Math.min(length, from + 4096));
    out += String.fromCharCode.apply(null, chunk as unknown as number[]);
  }
  return out;
}

// One buffer reused by every call (a call never yields before it has read it back): allocating
// a zeroed typed array per text cost a fifth of the transform. Long texts get their own.
let scratch = new Uint16Array(1024);
const maxScratchLength = 1 << 16;

function scratchUnits(length: number): Uint16Array {
  if (length <= scratch.length) return scratch;
  if (length > maxScratchLength) return new Uint16Array(length);
  scratch = new Uint16Array(Math.min(maxScratchLength, 2 ** Math.ceil(Math.log2(length))));
  return scratch;
}

interface TransformPlan {
  /** What the leading stateless transformers make of each ASCII character; -1 when dropped. */
  asciiPrefix: Int32Array;
  prefix: Step[];
  rest: readonly TransformerContainer[];
  /**
   * When `rest` is one collapse-duplicates transformer (obscenity's recommended set ends with
   * it): its thresholds, so that `transform` runs it inline. Read from a fresh instance, so the
   * inline run follows the configured thresholds; any other shape runs through the containers.
   */
  collapse?: { ascii: Float64Array; custom: ReadonlyMap<number, number>; fallback: number };
}

const plans = new WeakMap<readonly TransformerContainer[], TransformPlan>();

// The leading stateless transformers (confusables, leet, lower case) are pure functions of one
// character: a table answers them for ASCII, the bulk of most texts.
function transformPlan(containers: readonly TransformerContainer[]): TransformPlan {
  let plan = plans.get(containers);
  if (plan) return plan;
  const prefix: Step[] = [];
  let index = 0;
  for (; index < containers.length; index++) {
    const container = containers[index] as TransformerContainer;
    if ('factory' in container) break;
    prefix.push(container.transform);
  }
  const asciiPrefix = new Int32Array(128);
  for (let code = 0; code < 128; code++) {
    let char: number | undefined = code;
    for (let step = 0; step < prefix.length && char !== undefined; step++) {
      char = (prefix[step] as Step)(char);
    }
    asciiPrefix[code] = char === undefined ? -1 : char;
  }
  const rest = containers.slice(index);
  const collapse = rest.length === 1 ? collapsePlan(rest[0] as TransformerContainer) : undefined;
  plan = { asciiPrefix, prefix, rest, ...(collapse ? { collapse } : {}) };
  plans.set(containers, plan);
  return plan;
}

function collapsePlan(container: TransformerContainer): TransformPlan['collapse'] {
  if (!('factory' in container)) return undefined;
  // obscenity does not export the class: recognised by its fields (`lastChar` and `remaining`
  // are its state), and the tests check the inline run against the container's own.
  const instance = container.factory() as unknown as Partial<
    ProcessedCollapseDuplicatesTransformerOptions & { lastChar: number; remaining: number }
  >;
  const { defaultThreshold, customThresholds } = instance;
  if (
    typeof defaultThreshold !== 'number' ||
    !(customThresholds instanceof Map) ||
    typeof instance.lastChar !== 'number' ||
    typeof instance.remaining !== 'number'
  ) {
    return undefined;
  }
  const ascii = new Float64Array(128);
  for (let code = 0; code < 128; code++) {
    ascii[code] = customThresholds.get(code) ?? defaultThreshold;
  }
  return { ascii, custom: customThresholds, fallback: defaultThreshold };
}

// A word-like token: letters, digits and the symbols obscenity reads as leet letters
// (`@ $ ! | ( /`). Dashes, dots, colons, `#`, `+`, `%` and spaces separate tokens.
const token = /[\p{L}\p{N}@$!|(/]+/gu;
const letter = /\p{L}/u;

/**
 * The text with every token that has no letter blanked out (same length, so positions hold):
 * leet folding would read `455` as `ass` and `(0)` as `co`, but a run of digits and symbols is an
 * id, an amount, a date or a phone number. `#` is neither a letter nor a leet symbol, so no
 * pattern's letters can match it.
 */
export function maskLetterlessTokens(text: string): string {
  // ASCII (most texts): the same tokens found by hand, and a new string only when one is masked.
  // Past the first character beyond ASCII, the whole text goes to the regex path instead.
  let out: string | undefined;
  let copied = 0;
  for (let index = 0; index < text.length; ) {
    const first = text.charCodeAt(index);
    if (first >= 128) return maskByRegex(text);
    if (!isAsciiTokenCode(first)) {
      index += 1;
      continue;
    }
    const start = index;
    let hasLetter = false;
    for (; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code >= 128) return maskByRegex(text);
      if (!isAsciiTokenCode(code)) break;
      if (!hasLetter && ((code >= 65 && code <= 90) || (code >= 97 && code <= 122))) {
        hasLetter = true;
      }
    }
    if (!hasLetter) {
      out = (out ?? '') + text.slice(copied, start) + '#'.repeat(index - start);
      copied = index;
    }
  }
  return out === undefined ? text : out + text.slice(copied);
}

const maskByRegex = (text: string) =>
  text.replace(token, (run) => (letter.test(run) ? run : '#'.repeat(run.length)));

/** An ASCII character of `token`: a letter, a digit or one of `@ $ ! | ( /`. */
const isAsciiTokenCode = (code: number) =>
  (code >= 48 && code <= 57) ||
  (code >= 65 && code <= 90) ||
  (code >= 97 && code <= 122) ||
  code === 64 ||
  code === 36 ||
  code === 33 ||
  code === 124 ||
  code === 40 ||
  code === 47;
