import { parseInput } from '@guardloop/core';
import { z } from 'zod';
import { detectProfanity } from './detect-profanity';
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
 * @throws InvalidInputError (`invalid_input`) when `text` is not a string or options are malformed.
 */
export function checkBrandSafety(
  text: string,
  options: CheckBrandSafetyOptions = {},
): BrandSafetyFinding[] {
  parseInput(z.string(), text, 'text');
  const parsed = parseInput(optionsSchema, options, 'brand safety options');
  const findings: BrandSafetyFinding[] = [];
  if (parsed.profanity) {
    for (const match of detectProfanity(text)) {
      findings.push({
        id: 'profanity',
        kind: 'profanity',
        verdict: parsed.profanityVerdict,
        reason: `Profanity ('${match.word}').`,
        match: text.slice(match.start, match.end),
        start: match.start,
        end: match.end,
      });
    }
  }
  for (const { id, pattern, verdict, reason } of parsed.patterns ?? defaultUnsafeContentPatterns) {
    // A copy with the global flag, so a caller's `lastIndex` is never touched.
    const global = new RegExp(
      pattern.source,
      pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
    );
    for (const match of text.matchAll(global)) {
      const end = match.index + match[0].length;
      findings.push({
        id,
        kind: 'unsafe',
        verdict,
        reason,
        match: match[0],
        start: match.index,
        end,
      });
    }
  }
  return findings.sort((a, b) => a.start - b.start);
}
