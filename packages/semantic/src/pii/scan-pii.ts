import { type FoldedText, foldForMatching } from '../text/fold-for-matching';
import {
  codeAt,
  isDigitCode,
  isLetterCode,
  type PiiScanner,
  scanCards,
  scanEmails,
  scanIbans,
  scanPhones,
} from './linear-scanners';
import type { PiiFinding, PiiKind } from './pii-kinds';
import { unmaskEmailTokens } from './unmask-email-tokens';

// Earlier kinds win when spans overlap: an IBAN's digits must not also count as a phone.
const scanners: ReadonlyArray<readonly [PiiKind, PiiScanner]> = [
  ['email', scanEmails],
  ['iban', scanIbans],
  ['card', scanCards],
  ['phone', scanPhones],
];

/**
 * The unvalidated core of `detectPii`: folds the text (see `foldForMatching`), runs the linear
 * scanners on it, and maps each span back to the original text. Linear in the text's length:
 * overlap with earlier kinds is an O(1) lookup in a prefix count of taken characters.
 */
export function scanPii(text: string, kinds: readonly PiiKind[]): PiiFinding[] {
  // Most strings are plain ASCII (folding leaves them as they are) that no scanner can match:
  // one regex pass says so, with no folded copy and no closures.
  if (!mayHoldPii(text, triggersOrNonAscii)) return [];
  const normalized = foldForMatching(text);
  if (!mayHoldPii(normalized.text, triggers)) return [];
  return scanFolded(text, normalized, kinds);
}

/**
 * `scanPii` without the checks that dismiss a text up front: the folding and every scanner,
 * always. What those checks are tested against.
 */
export function scanAll(text: string, kinds: readonly PiiKind[]): PiiFinding[] {
  return scanFolded(text, foldForMatching(text), kinds);
}

function scanFolded(text: string, normalized: FoldedText, kinds: readonly PiiKind[]): PiiFinding[] {
  const folded = normalized.text;
  const taken = new Uint8Array(folded.length);
  const spans: { kind: PiiKind; start: number; end: number }[] = [];
  for (const [kind, scan] of scanners) {
    if (!kinds.includes(kind)) continue;
    const takenBefore = prefixCounts(taken, spans.length > 0);
    const found: { kind: PiiKind; start: number; end: number }[] = [];
    const isFree = (start: number, end: number) =>
      takenBefore === undefined || takenBefore[end] === takenBefore[start];
    if (kind === 'email') {
      // Addresses are also read with `[at]`/`(dot)` unmasked; spans map back to `folded`.
      const unmasked = unmaskEmailTokens(folded);
      scan(
        unmasked.text,
        (start, end) => isFree(unmasked.sourceStart(start), unmasked.sourceEnd(end - 1)),
        (start, end) =>
          found.push({
            kind,
            start: unmasked.sourceStart(start),
            end: unmasked.sourceEnd(end - 1),
          }),
      );
    } else {
      scan(folded, isFree, (start, end) => found.push({ kind, start, end }));
    }
    for (const span of found) {
      taken.fill(1, span.start, span.end);
      spans.push(span);
    }
  }
  return spans
    .map(({ kind, start, end }) => {
      const originalStart = normalized.originalStart(start);
      const originalEnd = normalized.originalEnd(end - 1);
      return {
        kind,
        start: originalStart,
        end: originalEnd,
        value: text.slice(originalStart, originalEnd),
      };
    })
    .sort((a, b) => a.start - b.start);
}

/** counts[i] = taken characters before i; undefined while nothing is taken. */
function prefixCounts(taken: Uint8Array, anyTaken: boolean): Int32Array | undefined {
  if (!anyTaken) return undefined;
  const counts = new Int32Array(taken.length + 1);
  for (let index = 0; index < taken.length; index++) {
    counts[index + 1] = (counts[index] as number) + (taken[index] as number);
  }
  return counts;
}

// What a scanner needs to match: an address an `@` (or a bracket that may open a masked `[at]`),
// a phone 7 digits (with a `+`; else 8), a card 13, and an IBAN two letters followed by its two
// check digits. Beyond ASCII, a text is folded first (`triggersOrNonAscii`): folding may turn a
// character into a digit or an `@`. The regex engine skips the other characters faster than a
// loop over char codes.
const triggersOrNonAscii = /[(0-9@[{\u0080-\uffff]/g;
const triggers = /[(0-9@[{]/g;
const minPhoneDigits = 7;

/**
 * False when no scanner can match `text`: no character of `pattern` other than a digit, fewer
 * than 7 digits, and no two letters followed by two digits (an IBAN's start). Customer ids,
 * order numbers and dates are then dismissed in one pass instead of four scans.
 */
function mayHoldPii(text: string, pattern: RegExp): boolean {
  pattern.lastIndex = 0;
  let digits = 0;
  while (pattern.test(text)) {
    const at = pattern.lastIndex - 1;
    if (!isDigitCode(text.charCodeAt(at))) return true;
    if (++digits >= minPhoneDigits || startsCheckDigits(text, at)) return true;
  }
  return false;
}

/** True when the digit at `at` may be an IBAN's first check digit: `DE89…`. */
function startsCheckDigits(text: string, at: number): boolean {
  return (
    isDigitCode(codeAt(text, at + 1)) &&
    isLetterCode(codeAt(text, at - 1)) &&
    isLetterCode(codeAt(text, at - 2))
  );
}
