/**
 * A text folded for matching, with the span of the original text each character came from, so
 * findings in `text` can be mapped back (and redacted) in the original.
 */
export interface FoldedText {
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
// invisible characters that an evasion can put between the digits of a card number or the
// letters of a word.
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
// Combining marks (`4\u0301111…`, `f\u0336u\u0336c\u0336k`) stack on the letter before them
// and break runs of digits or letters; folded one code point at a time they never compose, so
// they are dropped (`e\u0301` matches as `e`, precomposed `é` stays `é`).
const combiningMark = /^[\p{Mn}\p{Me}]$/u;
const isInvisible = (character: string, codePoint: number) =>
  formatCharacter.test(character) ||
  combiningMark.test(character) ||
  invisibleRanges.some(([from, to]) => codePoint >= from && codePoint <= to);
// Ideographic full stops separate domain labels in internationalised addresses, as `.` does.
const fullStops = new Set([0x3002, 0xff61]);

// What one code point folds to; cached because texts repeat the same few non-ASCII characters.
const foldCache = new Map<number, string>();

/**
 * Folds a text for matching: NFKC (fullwidth and mathematical forms become ASCII), every decimal
 * digit (`\p{Nd}`, e.g. Arabic-Indic) becomes its ASCII digit, space separators (NBSP...) become
 * a space, dashes become `-`, and zero-width and format characters and combining marks are
 * dropped. Folding is done one code point at a time, so each output character knows the original
 * span it came from.
 * Linear in the length of the text. Shared by the PII scanners and the brand-safety check, so
 * both see through the same evasions.
 */
export function foldForMatching(text: string): FoldedText {
  if (!nonAscii.test(text)) {
    return { text, originalStart: (index) => index, originalEnd: (index) => index + 1 };
  }
  // Typed buffers, not growing arrays: a growing array is copied by every young-generation GC
  // until promoted, which made folding superlinear on long texts (2x the cost per KB at 100 KB).
  let units = new Uint16Array(text.length + 16);
  let starts = new Int32Array(text.length + 16);
  let length = 0;
  for (let index = 0; index < text.length; ) {
    const codePoint = text.codePointAt(index) as number;
    const width = codePoint > 0xffff ? 2 : 1;
    if (codePoint < 0x80) {
      units[length] = codePoint;
      starts[length] = index;
      length += 1;
    } else {
      const folded = foldCodePoint(codePoint);
      if (length + folded.length > units.length) {
        // NFKC can expand a character (`ﬃ` → `ffi`): grow geometrically, so copies stay linear.
        const capacity = 2 * (length + folded.length);
        units = grow(units, new Uint16Array(capacity));
        starts = grow(starts, new Int32Array(capacity));
      }
      for (let offset = 0; offset < folded.length; offset++) {
        units[length] = folded.charCodeAt(offset);
        starts[length] = index;
        length += 1;
      }
    }
    index += width;
  }
  const originalStart = (index: number) =>
    index < length ? (starts[index] as number) : text.length;
  return {
    text: decodeUnits(units, length),
    originalStart,
    originalEnd: (index) => {
      if (index >= length) return text.length;
      const start = originalStart(index);
      return start + ((text.codePointAt(start) as number) > 0xffff ? 2 : 1);
    },
  };
}

function grow<T extends Uint16Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** UTF-16 code units to a string, in chunks (one call with a huge argument list overflows). */
function decodeUnits(units: Uint16Array, length: number): string {
  const chunks: string[] = [];
  for (let from = 0; from < length; from += 8192) {
    const to = Math.min(length, from + 8192);
    chunks.push(String.fromCharCode.apply(null, units.subarray(from, to) as unknown as number[]));
  }
  return chunks.join('');
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
