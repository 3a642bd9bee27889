import { hasCardIssuerPrefix } from './card-number';
import { ibanLength, isValidIban } from './iban';

// The four PII scanners and their character classes live in one module on purpose: the helpers
// are called per character, and calls across module boundaries are not inlined under every
// module loader (vitest's costs 10x here). For the same reason the imported checks are bound
// once: under vitest every call through an import reads a module getter.
const hasIssuerPrefix = hasCardIssuerPrefix;
const ibanLengthOf = ibanLength;
const isIban = isValidIban;

/** True when no finding of an earlier (stronger) kind overlaps `start..end`. */
type IsSpanFree = (start: number, end: number) => boolean;

/**
 * Finds one kind of personal data in a normalised text, left to right, calling `emit` for each
 * accepted span. Scanners are hand-written and linear: each start position is examined within a
 * window of bounded length, or each character is visited a bounded number of times.
 */
export type PiiScanner = (
  text: string,
  isFree: IsSpanFree,
  emit: (start: number, end: number) => void,
) => void;

export const isDigitCode = (code: number) => code >= 48 && code <= 57;
export const isLetterCode = (code: number) =>
  (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isAlphanumericCode = (code: number) => isDigitCode(code) || isLetterCode(code);
/** `\w`: a match must not start or end inside a word. */
const isWordCode = (code: number) => isAlphanumericCode(code) || code === 95;
/** Between digit groups: space, `-`, `.`, `/` (after normalisation NBSP is a space, `–` a `-`). */
const isGroupSeparatorCode = (code: number) =>
  code === 32 || code === 45 || code === 46 || code === 47;

/** Character code at `index`, or -1 outside the text (reading out of bounds deoptimises V8). */
export const codeAt = (text: string, index: number) =>
  index >= 0 && index < text.length ? text.charCodeAt(index) : -1;

/**
 * Between the digit groups of a card or an IBAN, where a line break or ` - ` may fall too: one to
 * three of space, tab, line breaks, `-`, `.`, `/`. Returns the index after the run, or -1.
 */
const separatorRunEnd = (text: string, from: number) => {
  let index = from;
  while (index - from < 3 && isRunSeparatorCode(codeAt(text, index))) index += 1;
  return index === from ? -1 : index;
};
const isRunSeparatorCode = (code: number) =>
  isGroupSeparatorCode(code) || code === 9 || code === 10 || code === 13;

// Letters and digits beyond ASCII (BMP), for internationalised addresses (`josé@bücher.de`,
// `jo@例え.jp`): looked up once per code unit. Fullwidth forms are ASCII by now (folded).
const unicodeLetterOrDigit = /^[\p{L}\p{N}]$/u;
const nonAsciiClass = new Uint8Array(0x10000);
const isNonAsciiLetterCode = (code: number) => {
  if (code < 0x80) return false;
  let known = nonAsciiClass[code] as number;
  if (known === 0) {
    known = unicodeLetterOrDigit.test(String.fromCharCode(code)) ? 1 : 2;
    nonAsciiClass[code] = known;
  }
  return known === 1;
};

// Local part: letters, digits and `_ . % + - '` (`o'brien@…`); domain labels: letters, digits, `_`
// and `-`.
const isLocalCode = (code: number) =>
  isAlphanumericCode(code) ||
  code === 95 ||
  code === 46 ||
  code === 37 ||
  code === 43 ||
  code === 45 ||
  code === 39 ||
  isNonAsciiLetterCode(code);
const isLabelCode = (code: number) =>
  isAlphanumericCode(code) || code === 95 || code === 45 || isNonAsciiLetterCode(code);
const isTldLetterCode = (code: number) => isLetterCode(code) || isNonAsciiLetterCode(code);

/**
 * E-mail addresses, found from each `@`: the local part is the run of local characters before
 * it (or a quoted local part, `"john doe"@…`; letters beyond ASCII included), the domain the longest chain of labels after it that ends in an all-letter top-level
 * label. Neither run crosses another `@`, so each character is visited at most three times.
 */
export const scanEmails: PiiScanner = (text, isFree, emit) => {
  let runStart = 0;
  for (let index = 0; index < text.length; index++) {
    const code = codeAt(text, index);
    if (code !== 64) {
      if (!isLocalCode(code)) runStart = index + 1;
      continue;
    }
    let start = codeAt(text, index - 1) === 34 ? quotedLocalStart(text, index - 1) : runStart;
    // A local part does not start with a dot, nor with the quote the address is written in.
    while (start < index && (codeAt(text, start) === 46 || codeAt(text, start) === 39)) start += 1;
    const end = start < index ? domainEnd(text, index + 1) : undefined;
    if (end !== undefined && isFree(start, end)) {
      emit(start, end);
      index = end - 1;
      runStart = end;
    } else {
      runStart = index + 1;
    }
  }
};

/** An internationalised label in its ASCII form (`xn--p1ai` for `рф`): a top-level domain too. */
function isPunycodeLabel(text: string, from: number, to: number): boolean {
  return (
    to - from > 4 &&
    (codeAt(text, from) | 32) === 120 &&
    (codeAt(text, from + 1) | 32) === 110 &&
    codeAt(text, from + 2) === 45 &&
    codeAt(text, from + 3) === 45
  );
}

const maxQuotedLocalLength = 64;

/**
 * Start of a quoted local part (`"john doe"@example.com`) whose closing quote is at `close`:
 * its opening quote, looked for at most 64 characters back and not across a line or an `@`
 * (so the scan stays linear); `close + 1` (no local part) when there is none.
 */
function quotedLocalStart(text: string, close: number): number {
  for (let index = close - 1; index >= 0 && close - index <= maxQuotedLocalLength; index--) {
    const code = codeAt(text, index);
    if (code === 34) return index < close - 1 ? index : close + 1;
    if (code === 64 || code === 10 || code === 13) break;
  }
  return close + 1;
}

/** End of the longest `label(.label)*.tld` from `from`, or undefined when there is none. */
function domainEnd(text: string, from: number): number | undefined {
  let end: number | undefined;
  let index = from;
  for (let labels = 1; ; labels++) {
    const labelStart = index;
    let lettersOnly = true;
    while (isLabelCode(codeAt(text, index))) {
      lettersOnly &&= isTldLetterCode(codeAt(text, index));
      index += 1;
    }
    if (index === labelStart) return end;
    const isTld =
      (lettersOnly && index - labelStart >= 2) || isPunycodeLabel(text, labelStart, index);
    if (labels >= 2 && isTld) end = index;
    if (codeAt(text, index) !== 46 || !isLabelCode(codeAt(text, index + 1))) return end;
    index += 1;
  }
}

/**
 * IBANs: two letters and two check digits, then alphanumerics with separator runs anywhere,
 * exactly the country's length, mod-97-valid, not inside a word. The window from each start is
 * at most the country's length (≤ 34) plus separators.
 */
export const scanIbans: PiiScanner = (text, isFree, emit) => {
  for (let start = 0; start < text.length; start++) {
    if (
      !isLetterCode(codeAt(text, start)) ||
      !isLetterCode(codeAt(text, start + 1)) ||
      !isDigitCode(codeAt(text, start + 2)) ||
      !isDigitCode(codeAt(text, start + 3)) ||
      isWordCode(codeAt(text, start - 1))
    ) {
      continue;
    }
    const length = ibanLengthOf(text.slice(start, start + 2));
    if (length === undefined) continue;
    let compact = '';
    let index = start;
    while (compact.length < length) {
      compact += text[index];
      index += 1;
      if (compact.length === length) break;
      if (isAlphanumericCode(codeAt(text, index))) continue;
      const after = separatorRunEnd(text, index);
      if (after !== -1 && isAlphanumericCode(codeAt(text, after))) {
        index = after;
        continue;
      }
      break;
    }
    if (
      compact.length === length &&
      !isWordCode(codeAt(text, index)) &&
      isIban(compact) &&
      isFree(start, index)
    ) {
      emit(start, index);
      start = index - 1;
    }
  }
};

const cardMinDigits = 13;
const cardMaxDigits = 19;
const doubledDigit = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];

/**
 * Card numbers: 13 to 19 digits, separator runs (see `separatorRunEnd`) allowed between any two
 * digits, not inside a word. Each chain of digits and separator runs is read once; a number may
 * start at any group of the chain, and prefix sums give the Luhn sum of every (start, length) in O(1), so a chain of
 * m digits costs O(7m). The longest number that passes Luhn and has a known issuer prefix and
 * length, ending at a word boundary, wins; numbers do not overlap.
 */
export const scanCards: PiiScanner = (text, isFree, emit) => {
  for (let index = 0; index < text.length; index++) {
    if (!isDigitCode(codeAt(text, index))) continue;
    const chainStart = index;
    let count = 1;
    for (;;) {
      if (isDigitCode(codeAt(text, index + 1))) index += 1;
      else {
        const after = separatorRunEnd(text, index + 1);
        if (after === -1 || !isDigitCode(codeAt(text, after))) break;
        index = after;
      }
      count += 1;
    }
    // Short chains (most digits in a text) cost no allocation; long ones are read a second time.
    if (count < cardMinDigits || isWordCode(codeAt(text, chainStart - 1))) continue;
    // Sized up front: a growing array is copied by every young-generation GC until promoted,
    // which made long chains superlinear (3x the cost per KB at 100 KB).
    const positions = new Int32Array(count);
    let found = 0;
    for (let at = chainStart; at <= index; at++) {
      if (isDigitCode(codeAt(text, at))) {
        positions[found] = at;
        found += 1;
      }
    }
    scanChain(text, positions, isFree, emit);
  }
};

function scanChain(
  text: string,
  positions: Int32Array,
  isFree: (start: number, end: number) => boolean,
  emit: (start: number, end: number) => void,
) {
  const count = positions.length;
  const digits = new Uint8Array(count);
  // evenDoubled[k]: Luhn-style sum of the first k digits, doubling those at even chain indices.
  const evenDoubled = new Int32Array(count + 1);
  const oddDoubled = new Int32Array(count + 1);
  for (let at = 0; at < count; at++) {
    const digit = codeAt(text, positions[at] as number) - 48;
    const doubled = doubledDigit[digit] as number;
    digits[at] = digit;
    evenDoubled[at + 1] = (evenDoubled[at] as number) + (at % 2 === 0 ? doubled : digit);
    oddDoubled[at + 1] = (oddDoubled[at] as number) + (at % 2 === 0 ? digit : doubled);
  }
  const position = (at: number) => positions[at] as number;
  // A number starts at the chain's start or after a separator, and ends before one or at the end.
  const startsGroup = (at: number) => at === 0 || position(at) > position(at - 1) + 1;
  const endsGroup = (at: number) =>
    at === count - 1
      ? !isWordCode(codeAt(text, position(at) + 1))
      : position(at + 1) > position(at) + 1;
  for (let start = 0; start + cardMinDigits <= count; start++) {
    const first = digits[start] as number;
    // No issuer prefix starts with 0 or 7.
    if (first === 0 || first === 7 || !startsGroup(start)) continue;
    const first4 =
      first * 1000 +
      (digits[start + 1] as number) * 100 +
      (digits[start + 2] as number) * 10 +
      (digits[start + 3] as number);
    for (let length = Math.min(cardMaxDigits, count - start); length >= cardMinDigits; length--) {
      const last = start + length - 1;
      if (!endsGroup(last)) continue;
      // The last digit is not doubled, then every other one leftwards: doubled indices have the
      // parity of start + length.
      const sums = (start + length) % 2 === 0 ? evenDoubled : oddDoubled;
      const sum = (sums[start + length] as number) - (sums[start] as number);
      if (sum % 10 !== 0 || !hasIssuerPrefix(first4, length)) continue;
      const [from, to] = [position(start), position(last) + 1];
      if (!isFree(from, to)) continue;
      emit(from, to);
      start = last;
      break;
    }
  }
}

const phoneMaxDigits = 15;
const plus = 43;
const openParen = 40;
const closeParen = 41;
// A date is not a phone number, even when a time follows it.
const datePrefix = /^(?:\d{4}([-/.])\d{1,2}\1\d{1,2}|\d{1,2}([-/.])\d{1,2}\2\d{4})(?:$|\s)/;

/**
 * Phone numbers: an optional `+` and country code, an optional `(area)` part, then digit groups
 * separated by single separators (groups after the first have 2+ digits). The whole phone-shaped
 * run is consumed whether or not it is accepted, so each character is read once; a run of more
 * than 15 digits is not a phone number. The longest prefix of the run that ends at a word
 * boundary is the candidate. Heuristic: 7 digits with a `+`, else 8; dates are not phones.
 */
export const scanPhones: PiiScanner = (text, isFree, emit) => {
  // Ends of the run's parts and the digits up to each: a run has at most 16 recorded parts.
  const ends = new Int32Array(phoneMaxDigits + 1);
  const digitsAt = new Int32Array(phoneMaxDigits + 1);
  for (let start = 0; start < text.length; start++) {
    const first = codeAt(text, start);
    if (first !== plus && first !== openParen && !isDigitCode(first)) continue;
    const before = codeAt(text, start - 1);
    if (isWordCode(before) || before === plus) continue;

    let index = start;
    let digits = 0;
    let parts = 0;
    let plainParts = 0;
    let parenthesised = false;
    if (first === plus) {
      index += 1;
      const from = index;
      while (isDigitCode(codeAt(text, index))) index += 1;
      if (index === from) continue;
      digits += index - from;
      parts = recordPart(ends, digitsAt, parts, index, digits);
    }
    for (;;) {
      // A separator is optional; two digit runs never touch, since each run is read whole.
      const next = isGroupSeparatorCode(codeAt(text, index)) ? index + 1 : index;
      // `(area)` comes first, or after a trunk or country prefix: `8 (800) …`, `1 (415) …`.
      const prefixOnly = plainParts === 0 || (plainParts === 1 && digits <= 3);
      if (codeAt(text, next) === openParen && !parenthesised && prefixOnly) {
        let close = next + 1;
        while (close - next <= 4 && isDigitCode(codeAt(text, close))) close += 1;
        if (close === next + 1 || codeAt(text, close) !== closeParen) break;
        parenthesised = true;
        index = close + 1;
        digits += close - next - 1;
        parts = recordPart(ends, digitsAt, parts, index, digits);
        continue;
      }
      if (!isDigitCode(codeAt(text, next))) break;
      let end = next;
      while (isDigitCode(codeAt(text, end))) end += 1;
      if (plainParts > 0 && end - next < 2) break;
      plainParts += 1;
      index = end;
      digits += end - next;
      parts = recordPart(ends, digitsAt, parts, index, digits);
    }

    for (let part = parts - 1; part >= 0; part--) {
      const end = ends[part] as number;
      if (isWordCode(codeAt(text, end))) continue;
      if (isLikelyPhone(text, start, end, digitsAt[part] as number) && isFree(start, end)) {
        emit(start, end);
      }
      break;
    }
    start = Math.max(start, index - 1);
  }
};

/** Records a part ending at `end`; past 15 digits the run is not a phone number (0 parts). */
function recordPart(
  ends: Int32Array,
  digitsAt: Int32Array,
  parts: number,
  end: number,
  digits: number,
): number {
  if (digits > phoneMaxDigits) return 0;
  ends[parts] = end;
  digitsAt[parts] = digits;
  return parts + 1;
}

function isLikelyPhone(text: string, start: number, end: number, digits: number): boolean {
  // The digit count first: most runs are too short, and then no slice is made.
  if (digits < (codeAt(text, start) === plus ? 7 : 8)) return false;
  return !datePrefix.test(text.slice(start, end));
}
