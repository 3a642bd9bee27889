/**
 * A text with bracketed e-mail obfuscations replaced, and where each character came from:
 * `jo [at] example [dot] com`, `jo(at)example(dot)com` and `jo@example[.]com` read as
 * `jo@example.com`. Bare words (`jo at example dot com`) are left alone: "look at example dot
 * com" is prose as often as it is an address.
 */
export interface UnmaskedText {
  text: string;
  /** Start (inclusive) in the input of the character at `index`. */
  sourceStart(index: number): number;
  /** End (exclusive) in the input of the character at `index`. */
  sourceEnd(index: number): number;
}

const anyToken = /[[({] {0,2}(?:at|dot|@|\.) {0,2}[\])}]/i;
// Sticky: tried only at an opening bracket, and bounded in length, so the pass stays linear.
const token = /[[({] {0,2}(at|dot|@|\.) {0,2}[\])}]/iy;
const maxSpacesAround = 2;

export function unmaskEmailTokens(text: string): UnmaskedText {
  if (!anyToken.test(text)) {
    return { text, sourceStart: (index) => index, sourceEnd: (index) => index + 1 };
  }
  // Typed maps and slices of the input, not per-character arrays: the pass stays linear.
  const starts = new Int32Array(text.length);
  const ends = new Int32Array(text.length);
  const parts: string[] = [];
  let length = 0;
  let plainFrom = 0;
  const copyPlain = (to: number) => {
    parts.push(text.slice(plainFrom, to));
    for (let at = plainFrom; at < to; at++) {
      starts[length] = at;
      ends[length] = at + 1;
      length += 1;
    }
  };
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== 40 && code !== 91 && code !== 123) continue;
    token.lastIndex = index;
    const match = token.exec(text);
    if (!match) continue;
    // The spaces around the token go with it: `jo [at] example` is `jo@example`.
    let from = index;
    while (from > plainFrom && index - from < maxSpacesAround && text.charCodeAt(from - 1) === 32) {
      from -= 1;
    }
    let to = index + match[0].length;
    const tokenEnd = to;
    while (to - tokenEnd < maxSpacesAround && text.charCodeAt(to) === 32) to += 1;
    copyPlain(from);
    const word = (match[1] as string).toLowerCase();
    parts.push(word === 'at' || word === '@' ? '@' : '.');
    starts[length] = from;
    ends[length] = to;
    length += 1;
    plainFrom = to;
    index = to - 1;
  }
  copyPlain(text.length);
  return {
    text: parts.join(''),
    sourceStart: (at) => (at < length ? (starts[at] as number) : text.length),
    sourceEnd: (at) => (at < length ? (ends[at] as number) : text.length),
  };
}
