import { parseInput } from '@guardloop/core';
import { z } from 'zod';
import { foldForMatching } from '../text/fold-for-matching';
import { textSchema } from '../text/text-schema';
import { detectProfanity, type ProfanityMatch } from './detect-profanity';
import { findSpacedRuns } from './find-spaced-runs';
import { defaultUnsafeContentPatterns, type UnsafeContentPattern } from './unsafe-content-pattern';

export interface BrandSafetyFinding {
  /** `profanity` for obscenity matches; otherwise the pattern's id. */
  id: string;
  kind: 'profanity' | 'unsafe';
  verdict: 'escalate' | 'deny';
  reason: string;
  match: string;
  start: number;
  end: number;
}

export interface CheckBrandSafetyOptions {
  /** Look for profanity with obscenity. Default true. */
  profanity?: boolean;
  /** Verdict for profanity. Default `deny`. */
  profanityVerdict?: 'escalate' | 'deny';
  /** Default: `defaultUnsafeContentPatterns`; pass `[...defaultUnsafeContentPatterns, mine]` to extend. */
  patterns?: readonly UnsafeContentPattern[];
}

const optionsSchema = z.object({
  profanity: z.boolean().default(true),
  profanityVerdict: z.enum(['escalate', 'deny']).default('deny'),
  patterns: z
    .array(
      z.object({
        id: z.string().min(1),
        pattern: z.instanceof(RegExp),
        verdict: z.enum(['escalate', 'deny']),
        reason: z.string().min(1),
      }),
    )
    .optional(),
});

/**
 * Everything in `text` a brand would not want to send: profanity, abuse, and the configured
 * unsafe patterns (refund promises, legal advice, requests for credentials). Sorted by position.
 * The text is folded first, as for PII (NFKC, so fullwidth letters are plain; zero-width and
 * format characters dropped; NBSP a space; see `foldForMatching`), so `f\u200Buck` or `ｉｄｉｏｔ`
 * are found; positions and `match` refer to the original text.
 * @throws InvalidInputError (`invalid_input`) when `text` is not a string or options are malformed.
 */
export function checkBrandSafety(
  text: string,
  options: CheckBrandSafetyOptions = {},
): BrandSafetyFinding[] {
  parseInput(textSchema, text, 'text');
  return createBrandSafetyCheck(options)(text);
}

/**
 * `checkBrandSafety` with its options validated and its patterns compiled once, for callers that
 * check many texts (the rail checks every string of a draft).
 * @throws InvalidInputError (`invalid_input`) when options are malformed.
 */
export function createBrandSafetyCheck(
  options: CheckBrandSafetyOptions = {},
): (text: string) => BrandSafetyFinding[] {
  const parsed = parseInput(optionsSchema, options, 'brand safety options');
  // Copies with the global flag, so a caller's `lastIndex` is never touched, and without the
  // sticky one: `/refund/y` would only ever match at the start of the text, passing the rest.
  const patterns = (parsed.patterns ?? defaultUnsafeContentPatterns).map((entry) => ({
    ...entry,
    pattern: new RegExp(entry.pattern.source, `${entry.pattern.flags.replace(/[gy]/g, '')}g`),
  }));
  const { prefilters, prefilterOf } = patternPrefilters(patterns.map((entry) => entry.pattern));
  return (text) => {
    const folded = foldForMatching(text);
    // A span of the folded text, back in the original (an empty match stays empty).
    const span = (start: number, end: number) => {
      const from = folded.originalStart(start);
      return { start: from, end: end > start ? folded.originalEnd(end - 1) : from };
    };
    const findings: BrandSafetyFinding[] = [];
    if (parsed.profanity) {
      for (const match of profanityIn(folded.text)) {
        const { start, end } = span(match.start, match.end);
        findings.push({
          id: 'profanity',
          kind: 'profanity',
          verdict: parsed.profanityVerdict,
          reason: `Profanity ('${match.word}').`,
          match: text.slice(start, end),
          start,
          end,
        });
      }
    }
    const matched = prefilters.map((prefilter) => prefilter.test(folded.text));
    for (let index = 0; index < patterns.length; index++) {
      if (!matched[prefilterOf[index] as number]) continue;
      const { id, pattern, verdict, reason } = patterns[index] as (typeof patterns)[number];
      // `exec` on the check's own global copy, as `matchAll` iterates but without cloning the
      // regex and creating an iterator per pattern and text (most texts match none).
      pattern.lastIndex = 0;
      for (let match = pattern.exec(folded.text); match; match = pattern.exec(folded.text)) {
        if (match[0] === '') pattern.lastIndex = advance(folded.text, pattern.lastIndex, pattern);
        const { start, end } = span(match.index, match.index + match[0].length);
        findings.push({
          id,
          kind: 'unsafe',
          verdict,
          reason,
          match: text.slice(start, end),
          start,
          end,
        });
      }
    }
    return findings.sort((a, b) => a.start - b.start);
  };
}

// A backreference (`\1`, `\k<name>`) or a named group could point elsewhere, or clash, once
// patterns are joined; such a pattern gets a prefilter of its own.
const notJoinable = /\\[1-9]|\\k<|\(\?<(?![=!])/;

/**
 * One regex per set of flags that matches a text iff one of the set's patterns does (an
 * alternation of them): most texts match no unsafe pattern, and one pass over the text then says
 * so instead of one per pattern. `prefilterOf[i]` is the prefilter of `patterns[i]`.
 */
function patternPrefilters(patterns: readonly RegExp[]): {
  prefilters: RegExp[];
  prefilterOf: number[];
} {
  const prefilters: RegExp[] = [];
  const byFlags = new Map<string, number[]>();
  const prefilterOf: number[] = [];
  patterns.forEach((pattern, index) => {
    const flags = pattern.flags.replace('g', '');
    if (notJoinable.test(pattern.source)) {
      prefilterOf[index] = prefilters.push(new RegExp(pattern.source, flags)) - 1;
      return;
    }
    const group = byFlags.get(flags);
    if (group) group.push(index);
    else byFlags.set(flags, [index]);
  });
  for (const [flags, members] of byFlags) {
    const source = members.map((index) => `(?:${(patterns[index] as RegExp).source})`).join('|');
    let joined: RegExp[];
    try {
      joined = [new RegExp(source, flags)];
    } catch {
      // Not joinable after all: each its own.
      joined = members.map((index) => new RegExp((patterns[index] as RegExp).source, flags));
    }
    const first = prefilters.length;
    prefilters.push(...joined);
    members.forEach((index, position) => {
      prefilterOf[index] = joined.length === 1 ? first : first + position;
    });
  }
  return { prefilters, prefilterOf };
}

/** Past an empty match, as `matchAll` steps: one code point in unicode mode, else one unit. */
function advance(text: string, index: number, pattern: RegExp): number {
  // `v` (unicode sets) counts as unicode too; read from the flags, which every target has.
  const unicode = pattern.unicode || pattern.flags.includes('v');
  if (!unicode || index >= text.length) return index + 1;
  return (text.codePointAt(index) as number) > 0xffff ? index + 2 : index + 1;
}

/**
 * Profanity in a folded text, including words spelled out a letter at a time (`f u c k`,
 * `f.u.c.k`): each such run is joined and checked too, its matches mapped back to the text.
 */
function profanityIn(text: string): ProfanityMatch[] {
  const matches = detectProfanity(text);
  const runs = findSpacedRuns(text);
  if (runs.length === 0) return matches;
  const joined: ProfanityMatch[] = [];
  // Both lists are sorted by start: one pointer finds the overlaps, so the merge stays linear.
  let next = 0;
  for (const run of runs) {
    for (const match of detectProfanity(run.text)) {
      const start = run.positions[match.start] as number;
      const end = (run.positions[match.end - 1] as number) + 1;
      while (next < matches.length && (matches[next] as ProfanityMatch).end <= start) next += 1;
      const other = matches[next];
      if (other === undefined || other.start >= end) joined.push({ word: match.word, start, end });
    }
  }
  return [...matches, ...joined].sort((a, b) => a.start - b.start);
}
