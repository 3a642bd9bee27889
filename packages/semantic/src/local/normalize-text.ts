/**
 * Lower-cases, strips accents and apostrophes ("can't" -> "cant"), and turns every run of
 * non-letters/digits into one space, so "Pass-word!!" and "pass word" share their features.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
