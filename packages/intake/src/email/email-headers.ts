import { isStorableText, sha256 } from '@guardloop/core/internal';
import type { Address, Header } from 'postal-mime';
import type { EmailAddress } from './parsed-email';

// C0 controls and DEL: a CR/LF decoded from an encoded word must never reach a header we write.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds.
const controlCharacters = /[\u0000-\u001f\u007f]+/g;

/** Header text with control characters replaced by a space; `changed` says whether any were. */
export function cleanHeaderText(value: string): { text: string; changed: boolean } {
  const text = value.replace(controlCharacters, ' ').trim();
  return { text, changed: text !== value.trim() };
}

/** Mailboxes of address headers, groups flattened, cleaned; `changed` as in `cleanHeaderText`. */
export function cleanAddresses(addresses: readonly Address[] | undefined): {
  addresses: EmailAddress[];
  changed: boolean;
} {
  let changed = false;
  const result: EmailAddress[] = [];
  const mailboxes = (addresses ?? []).flatMap((entry) =>
    entry.group === undefined ? [entry] : entry.group,
  );
  for (const mailbox of mailboxes) {
    const address = cleanHeaderText(mailbox.address);
    const name = cleanHeaderText(mailbox.name);
    changed ||= address.changed || name.changed;
    if (address.text === '') continue;
    result.push({ address: address.text, ...(name.text ? { name: name.text } : {}) });
  }
  return { addresses: result, changed };
}

// A thread store keys on Message-IDs (512 UTF-8 bytes at most); longer or broken ids are skipped.
const isUsableMessageId = (token: string) =>
  isStorableText(token, 512) && cleanHeaderText(token).text === token;

/** The usable `<id>` tokens of a Message-ID, In-Reply-To or References header, in order. */
export function messageIdsOf(value: string | undefined): string[] {
  if (value === undefined) return [];
  const bracketed = value.match(/<[^<>\s]+>/g);
  // Some senders omit the brackets: keep the bare tokens, bracketed, so lookups match.
  const tokens =
    bracketed ??
    value
      .split(/\s+/)
      .filter((token) => token !== '')
      .map((token) => `<${token}>`);
  return tokens.filter(isUsableMessageId);
}

/**
 * A Message-ID derived from what identifies the message, so that a repeat of a message that had
 * none gets the same one (and deduplicates).
 */
export function generatedMessageId(parts: readonly (string | undefined)[]): string {
  return `<${sha256(JSON.stringify(parts)).slice(0, 32)}@generated.guardloop.invalid>`;
}

/**
 * RFC 3834 `Auto-Submitted` (anything but `no`) or a bulk/auto-reply `Precedence`. Not `list`: a
 * support address run as a mailing-list group stamps it on every customer's message.
 */
export function isAutoSubmitted(headers: readonly Header[]): boolean {
  return headers.some(({ key, value }) => {
    const token = value.trim().toLowerCase();
    if (key === 'auto-submitted') return token !== '' && token !== 'no';
    if (key === 'precedence') return ['bulk', 'junk', 'auto_reply'].includes(token);
    return key === 'x-autoreply' || key === 'x-autorespond';
  });
}
