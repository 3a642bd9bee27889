/** A run of single characters written apart (`f u c k`, `f.u.c.k`), joined, with their positions. */
export interface SpacedRun {
  /** The characters joined: `fuck`. */
  text: string;
  /** Position in the scanned text of each character of `text`. */
  positions: Int32Array;
}

const minRunLength = 3;
/** Most spacers between two letters of a run (`f  u  c  k`, `f . u . c . k`). */
export const maxSpacedRunGap = 3;

// Between the letters of a spaced-out word: up to three of space, `.`, `-`, `_`, `*`, `·`, tabs and
// line breaks.
const isSpacer = (code: number) =>
  code === 32 || code === 46 || code === 45 || code === 95 || code === 42 || code === 183;
const isBlank = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;
const codeAt = (text: string, index: number) =>
  index >= 0 && index < text.length ? text.charCodeAt(index) : -1;
/** One character standing alone: neither neighbour is a letter, digit or other symbol. */
const isSingle = (text: string, index: number) => {
  const code = codeAt(text, index);
  if (code === -1 || isSpacer(code) || isBlank(code)) return false;
  const before = codeAt(text, index - 1);
  const after = codeAt(text, index + 1);
  return (
    (before === -1 || isSpacer(before) || isBlank(before)) &&
    (after === -1 || isSpacer(after) || isBlank(after))
  );
};

/**
 * Every run of at least three single characters separated by up to three spacers each (`f u c k`,
 * `s.h.1.t`, `f - u - c - k`): a word spelled out to slip past a dictionary. Linear: each character is
 * looked at a bounded number of times, and runs do not overlap.
 */
export function findSpacedRuns(text: string): SpacedRun[] {
  // Most texts have no three singles in a row: the regex engine says so in one pass, faster
  // than the loop below looks at each character.
  return mayHoldRun.test(text) ? collectSpacedRuns(text) : [];
}

// `minRunLength` single characters, each gap one to three spacers: exactly what a run starts
// with (a single's neighbours are spacers or the text's ends). The classes are the characters of
// `isSpacer` and `isBlank`, in code units, as `charCodeAt` reads them.
const spacerClass = '[ .\\-_*\\u00b7\\t\\n\\r]';
const otherClass = '[^ .\\-_*\\u00b7\\t\\n\\r]';
const singles = Array.from({ length: minRunLength }, () => otherClass).join(
  `${spacerClass}{1,${maxSpacedRunGap}}`,
);
const mayHoldRun = new RegExp(`(?<!${otherClass})${singles}(?!${otherClass})`);

/** `findSpacedRuns` without the check that dismisses a text up front: what it is tested against. */
export function collectSpacedRuns(text: string): SpacedRun[] {
  const runs: SpacedRun[] = [];
  for (let index = 0; index < text.length; index++) {
    // Most characters are followed by another of their word, so cannot stand alone: rejected on
    // one look at the next one (isSingle would say the same).
    const after = codeAt(text, index + 1);
    if (after !== -1 && !isSpacer(after) && !isBlank(after)) continue;
    if (!isSingle(text, index)) continue;
    let end = index;
    let count = 1;
    for (;;) {
      const next = nextSingle(text, end);
      if (next === -1) break;
      end = next;
      count += 1;
    }
    if (count >= minRunLength) {
      // Read a second time, into a buffer sized up front.
      const positions = new Int32Array(count);
      let joined = '';
      for (let at = 0, position = index; at < count; at++) {
        positions[at] = position;
        joined += text[position];
        position = nextSingle(text, position);
      }
      runs.push({ text: joined, positions });
    }
    index = end + 1;
  }
  return runs;
}

/** The next single character after the one at `index`, past 1 to 3 spacers; -1 if there is none. */
function nextSingle(text: string, index: number): number {
  let at = index + 1;
  while (at - index <= maxSpacedRunGap && (isSpacer(codeAt(text, at)) || isBlank(codeAt(text, at))))
    at += 1;
  return at > index + 1 && at - index <= maxSpacedRunGap + 1 && isSingle(text, at) ? at : -1;
}
