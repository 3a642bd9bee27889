import { parseInput } from '@guardloop/core';
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import { textSchema } from '../text/text-schema';

export interface ProfanityMatch {
  /** The dictionary word that matched, e.g. `fuck` for "fuuuck" or "fvck". */
  word: string;
  start: number;
  /** Exclusive. */
  end: number;
}

let matcher: RegExpMatcher | undefined;

/**
 * Profanity and slurs in English, with obscenity's recommended transformers (leet speak,
 * repeated letters, look-alike characters) and its whitelist ("Scunthorpe" is fine).
 * The matcher is built on first use: it compiles a few hundred patterns.
 * @throws InvalidInputError (`invalid_input`) when `text` is not a string.
 */
export function detectProfanity(text: string): ProfanityMatch[] {
  parseInput(textSchema, text, 'text');
  matcher ??= new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
  const matches: ProfanityMatch[] = [];
  for (const match of matcher.getAllMatches(text, true)) {
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
