/** Longest resource id or pattern accepted, in UTF-16 code units. */
export const maxResourceIdLength = 512;

export type NormalizedResourceId = { ok: true; id: string } | { ok: false; problem: string };

const loneSurrogate = /\p{Cs}/u;
// Control, format (zero-width and bidi marks, soft hyphen), private-use, unassigned, whitespace.
const invisible = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Z}\s]/u;
// Every Unicode dash, and the minus signs that look like one, become '-'.
const dashes = /[\p{Pd}\u2212\u207B\u208B\uFE63\uFF0D]/gu;
const percentEncoded = /%[0-9a-f]{2}/i;
const pathSegments = /[/:\\]/;

/**
 * The form in which RBAC compares resources, or why a string is not a safe resource id.
 *
 * Normalisation: Unicode NFKC, then case folding (upper- then lower-casing, so `ß`, `ſ` and the
 * Kelvin sign fold too), then NFKC again, and every dash-like character becomes `-`. So
 * `invoice:VIP-7`, `invoice:vip‐7` (U+2010) and `ｉｎｖｏｉｃｅ:vip-7` are all `invoice:vip-7`:
 * resource ids are case-insensitive.
 *
 * Refused (a deny that says why): ill-formed UTF-16 (a lone surrogate); control, format
 * (zero-width, bidi), private-use or unassigned characters and whitespace; a backslash; a
 * percent-encoded byte (`%2e`); a `.` or `..` segment between `/`, `:` or `\`; more than 512
 * code units. These are the ways one id can pose as another to a system further down.
 */
export function normalizeResourceId(raw: string): NormalizedResourceId {
  const result = comparableResourceId(raw);
  return typeof result === 'string' ? { ok: true, id: result } : result;
}

/** `normalizeResourceId` for the hot path: the normalised id, or why it is refused. */
export function comparableResourceId(raw: string): string | { ok: false; problem: string } {
  if (raw.length > maxResourceIdLength) {
    return { ok: false, problem: `it is longer than ${maxResourceIdLength} characters` };
  }
  const form = asciiForm(raw);
  if (form !== notPlain) {
    // Printable ASCII without space, '%' or '\\': only case and segments are left. A lower-case
    // id is used as is (the same string, so Map lookups reuse its cached hash).
    const id = (form & hasUpper) !== 0 ? raw.toLowerCase() : raw;
    return (form & hasDot) !== 0 && hasDotSegment(id) ? dotSegment : id;
  }
  if (loneSurrogate.test(raw)) {
    return { ok: false, problem: 'it is not well-formed UTF-16 (it has a lone surrogate)' };
  }
  const hidden = findInvisible(raw);
  if (hidden !== undefined) return { ok: false, problem: hidden };
  if (raw.includes('\\')) return { ok: false, problem: "it contains a backslash '\\'" };
  const id = raw
    .normalize('NFKC')
    .toUpperCase()
    .toLowerCase()
    .normalize('NFKC')
    .replace(dashes, '-');
  // NFKC can turn some characters into spaces or backslashes: check what will be compared.
  const after = findInvisible(id);
  if (after !== undefined) return { ok: false, problem: after };
  if (id.includes('\\')) return { ok: false, problem: "it normalises to a backslash '\\'" };
  if (percentEncoded.test(id)) {
    return { ok: false, problem: 'it contains a percent-encoded byte; pass the decoded id' };
  }
  if (id.includes('.') && hasDotSegment(id)) return dotSegment;
  return id;
}

const dotSegment: { ok: false; problem: string } = {
  ok: false,
  problem: "it has a '.' or '..' path segment",
};

const notPlain = -1;
const hasUpper = 1;
const hasDot = 2;

/** One pass over the common case, much cheaper than regular expressions on a hot path. */
function asciiForm(raw: string): number {
  let form = 0;
  for (let index = 0; index < raw.length; index++) {
    const code = raw.charCodeAt(index);
    // Outside '!'..'~', or '%' (0x25) or '\\' (0x5c).
    if (code < 0x21 || code > 0x7e || code === 0x25 || code === 0x5c) return notPlain;
    if (code >= 0x41 && code <= 0x5a) form |= hasUpper;
    else if (code === 0x2e) form |= hasDot;
  }
  return form;
}

function hasDotSegment(id: string): boolean {
  return id.split(pathSegments).some((part) => part === '.' || part === '..');
}

function findInvisible(text: string): string | undefined {
  const match = invisible.exec(text);
  if (match === null) return undefined;
  const code = (match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return `it contains U+${code}, an invisible, control or whitespace character`;
}

/** The id as a reviewer can read it: invisible and non-ASCII characters as `\u{…}` escapes. */
export function printableResourceId(raw: string): string {
  return raw.replace(
    /[^\x20-\x7e]/gu,
    (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`,
  );
}
