import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import { describe, expect, it } from 'vitest';
import { checkBrandSafety } from './check-brand-safety';
import { detectProfanity } from './detect-profanity';

const words = (text: string) => detectProfanity(text).map((match) => match.word);
const profanityIds = (text: string) =>
  checkBrandSafety(text)
    .filter((finding) => finding.kind === 'profanity')
    .map((finding) => finding.match);

describe('detectProfanity and numbers', () => {
  // Regression: leet folding read `455` as `ass`, so ids and amounts were denied as profanity.
  it('does not read ids, order numbers, amounts, dates or phone numbers as leet words', () => {
    const clean = [
      'Hello customer-455, your ticket is open.',
      'Order #4550 ships today, see ORD-455 and 455-455.',
      'The total is $455.00 (or 455 EUR), was $4.55 / 5.55.',
      'Due 2024-05-05, paid 05/05/2024 at 13:55.',
      'Call us on +1 (555) 455-0155 or 0455 455 455.',
      'Tracking 1Z 455 / ref 7455 5 5 / codes 4 5 5 and 5 5 5.',
      'Invoice id: 455_455, room 1337, build 3.1.4-455.',
    ];
    for (const text of clean) {
      expect(words(text), text).toEqual([]);
      expect(profanityIds(text), text).toEqual([]);
    }
  });

  it('still finds leet profanity inside words that have letters', () => {
    expect(words('This is sh1t')).toEqual(['shit']);
    expect(words('what a$$ hole')).toContain('ass');
    expect(words('you a55')).toEqual(['ass']);
    expect(words('$hit happens')).toEqual(['shit']);
    expect(words('f4ggot')).toHaveLength(1);
    // Spelled out a letter at a time, with leet digits among the letters.
    expect(profanityIds('s h 1 t')).toEqual(['s h 1 t']);
    // A number next to a word does not hide the word.
    expect(words('customer-455 said fuck')).toEqual(['fuck']);
  });

  it('finds what obscenity finds on texts with letters, and nothing when it finds nothing', () => {
    const matcher = new RegExpMatcher({
      ...englishDataset.build(),
      ...englishRecommendedTransformers,
    });
    const texts = [
      'What the fuuuck is this',
      'Our office is in Scunthorpe, near the assessment centre',
      'fvck you, bitch, you are a b1tch and a d1ck',
      'nothing to see here, thanks for your patience',
      'cunt, c0ck, wh0re, p3nis, n1gger, bastard',
      'assassin classic bass pass grass',
      'FUUUCK this, Sh1T, bi7ch, 🅵🆄🅲🅺 and ᶠᵘᶜᵏ',
      'Ŝhit and ｓｈｉｔ and 𝐟𝐮𝐜𝐤 here',
    ];
    for (const text of texts) {
      const expected = matcher.getAllMatches(text, true).map((match) => match.startIndex);
      const found = detectProfanity(text).map((match) => match.start);
      expect(found, text).toEqual([...new Set(expected)]);
    }
  });
});
