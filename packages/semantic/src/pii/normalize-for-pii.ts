/**
 * A text folded for PII matching, with the span of the original text each character came from,
 * so findings in `text` can be mapped back (and redacted) in the original.
 */
export interface PiiNormalizedText {
  text: string;
  /** Original start (inclusive) of the normalised character at `index`. */
  originalStart(index: number): number;
  /** Original end (exclusive) of the normalised character at `index`. */
  originalEnd(index: number): number;
}

const nonAscii = /[^\p{ASCII}]/u;
const decimalDigit = /^\p{Nd}$/u;
const spaceSeparator = /^\p{Zs}$/u;
const dash = /^[\p{Pd}\u2212\u2043]$/u;
// Format characters (zero-width space/joiners, BOM, soft hyphen, bidi controls, tags) and other
// invisible characters that an evasion can put between the digits of a card number.
const formatCharacter = /^\p{Cf}$/u;
const invisibleRanges: ReadonlyArray<readonly [number, number]> = [
  [0x034f, 0x034f], // combining grapheme joiner
  [0x115f, 0x1160], // Hangul fillers
  [0x17b4, 0x17b5], // Khmer inherent vowels
  [0x180b, 0x180f], // Mongolian variation selectors
  [0x3164, 0x3164], // Hangul filler
  [0xfe00, 0xfe0f], // variation selectors
  [0xffa0, 0xffa0], // halfwidth Hangul filler
  [0xe0100, 0xe01ef], // variation selectors supplement
];
const isInvisible = (character: string, codePoint: number) =>
  formatCharacter.test(character) ||
  invisibleRanges.some(([from, to]) => codePoint >= from && codePoint <= to);
// Ideographic full stops separate domain labels in internationalised addresses, as `.` does.
const fullStops = new Set([0x3002, 0xff61]);

// What one code point folds to; cached because texts repeat the same few non-ASCII characters.
const foldCache = new Map<number, string>();

/**
 * Folds a text for matching: NFKC (fullwidth and mathematical forms become ASCII), every decimal
 * digit (`\p{Nd}`, e.g. Arabic-Indic) becomes its ASCII digit, space separators (NBSP...) become
 * a space, dashes become `-`, and zero-width and format characters are dropped. Folding is done
 * one code point at a time, so each output character knows the original span it came from.
 * Linear in the length of the text.
 */
export function normalizeForPii(text: string): PiiNormalizedText {
  if (!nonAscii.test(text)) {
    return { text, originalStart: (index) => index, originalEnd: (index) => index + 1 };
  }
  const parts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (let index = 0; index < text.length; ) {
    const codePoint = text.codePointAt(index) as number;
    const width = codePoint > 0xffff ? 2 : 1;
    const folded = codePoint < 0x80 ? text[index] : foldCodePoint(codePoint);
    for (let offset = 0; offset < (folded as string).length; offset++) {
      starts.push(index);
      ends.push(index + width);
    }
    parts.push(folded as string);
    index += width;
  }
  return {
    text: parts.join(''),
    originalStart: (index) => starts[index] ?? text.length,
    originalEnd: (index) => ends[index] ?? text.length,
  };
}

function foldCodePoint(codePoint: number): string {
  let folded = foldCache.get(codePoint);
  if (folded === undefined) {
    folded = '';
    // NFKC first (fullwidth `＠` → `@`, `𝟒` → `4`), then the mappings NFKC leaves out.
    for (const character of String.fromCodePoint(codePoint).normalize('NFKC')) {
      folded += foldCharacter(character);
    }
    foldCache.set(codePoint, folded);
  }
  return folded;
}

function foldCharacter(character: string): string {
  const codePoint = character.codePointAt(0) as number;
  if (codePoint < 0x80) return character;
  if (decimalDigit.test(character)) return String(decimalDigitValue(codePoint));
  if (spaceSeparator.test(character)) return ' ';
  if (dash.test(character)) return '-';
  if (fullStops.has(codePoint)) return '.';
  if (isInvisible(character, codePoint)) return '';
  return character;
}

/**
 * Unicode encodes decimal digits in contiguous runs of ten, zero first (a stability guarantee),
 * and adjacent runs (the mathematical digits) are whole runs too: the value is the distance to the
 * start of the run, modulo 10.
 */
function decimalDigitValue(codePoint: number): number {
  let zero = codePoint;
  while (decimalDigit.test(String.fromCodePoint(zero - 1))) zero -= 1;
  return (codePoint - zero) % 10;
}
