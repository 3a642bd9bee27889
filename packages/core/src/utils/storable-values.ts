import { z } from 'zod';

// NUL or any surrogate: one cheap scan that nearly every string passes.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what it looks for.
const suspicious = /[\u0000\uD800-\uDFFF]/;
// In unicode mode a surrogate pair is one code point, so only unpaired halves match.
const loneSurrogate = /[\uD800-\uDFFF]/u;
const utf8 = new TextEncoder();

/**
 * Why PostgreSQL (text or jsonb) cannot keep `value` unchanged, if it cannot: text refuses NUL,
 * jsonb refuses \u0000, and drivers turn lone surrogates into U+FFFD.
 */
export function unstorableStringReason(value: string): string | undefined {
  if (!suspicious.test(value)) return undefined;
  if (value.includes('\u0000')) return 'must not contain NUL (U+0000)';
  if (loneSurrogate.test(value)) return 'must not contain lone UTF-16 surrogates';
  return undefined;
}

/** Whether `value` takes more than `maxBytes` in UTF-8. */
export function exceedsUtf8Bytes(value: string, maxBytes: number): boolean {
  // A UTF-16 code unit is at most 3 UTF-8 bytes: only long strings need the exact count.
  return value.length * 3 > maxBytes && utf8.encode(value).length > maxBytes;
}

/** Why `value` cannot be a text column (and btree index key) of `maxBytes`, if it cannot. */
export function unstorableTextReason(value: string, maxBytes: number): string | undefined {
  const reason = unstorableStringReason(value);
  if (reason) return reason;
  if (exceedsUtf8Bytes(value, maxBytes)) return `must be at most ${maxBytes} UTF-8 bytes`;
  return undefined;
}

/** Whether `value` is a non-empty string that a text column of `maxBytes` keeps (for hot paths). */
export function isStorableText(value: unknown, maxBytes: number): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    unstorableStringReason(value) === undefined &&
    !exceedsUtf8Bytes(value, maxBytes)
  );
}

/**
 * A non-empty string that text columns and btree indexes of every store keep unchanged;
 * issues read `${label} must ...`.
 */
export function storableTextSchema(options: { label: string; maxBytes: number }) {
  const { label, maxBytes } = options;
  return z
    .string()
    .min(1)
    .superRefine((value, context) => {
      const reason = unstorableTextReason(value, maxBytes);
      if (reason) context.addIssue({ code: 'custom', message: `${label} ${reason}` });
    });
}

/**
 * `value` made storable for diagnostics (error codes and messages we write ourselves): NUL
 * and lone surrogates become U+FFFD, and it is cut to `maxChars`.
 */
export function toStorableString(value: string, maxChars: number): string {
  const cleaned = value.replaceAll('\u0000', '\uFFFD').replace(/[\uD800-\uDFFF]/gu, '\uFFFD');
  if (cleaned.length <= maxChars) return cleaned;
  // Never cut a surrogate pair in half.
  const cut = cleaned.slice(0, maxChars - 1);
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}
