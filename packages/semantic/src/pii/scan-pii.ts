import { foldForMatching } from '../text/fold-for-matching';
import { type PiiScanner, scanCards, scanEmails, scanIbans, scanPhones } from './linear-scanners';
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
  if (!mayNeedScan(text)) return [];
  const normalized = foldForMatching(text);
  const folded = normalized.text;
  if (!mayHoldPii(folded)) return [];
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

// Characters after which a scan may be needed: non-ASCII (folded first), `@`, `(`, `[`, `{`
// and the digits. The regex engine skips the others faster than a loop over char codes.
const notPlain = /[(0-9@[{\u0080-\uffff]/g;

/**
 * False for a plain ASCII text (folding leaves it as it is) that `mayHoldPii` would dismiss: no
 * `@`, no bracket that may open a masked `[at]`, fewer than two digits.
 */
function mayNeedScan(text: string): boolean {
  notPlain.lastIndex = 0;
  let digits = 0;
  while (notPlain.test(text)) {
    const code = text.charCodeAt(notPlain.lastIndex - 1);
    if (code < 48 || code > 57 || ++digits >= 2) return true;
  }
  return false;
}

/**
 * False when no scanner can match the folded text: an address needs an `@` (or a bracketed
 * token that unmasks to one), and phones, cards and IBANs need two digits at least (an IBAN's
 * check digits; phones 7, cards 13). Most strings of a payload (keys, names, short labels) are
 * then dismissed in one pass instead of four scans.
 */
function mayHoldPii(folded: string): boolean {
  let digits = 0;
  for (let index = 0; index < folded.length; index++) {
    const code = folded.charCodeAt(index);
    if (code >= 48 && code <= 57) {
      digits += 1;
      if (digits >= 2) return true;
    } else if (code === 64 || code === 40 || code === 91 || code === 123) {
      return true;
    }
  }
  return false;
}
