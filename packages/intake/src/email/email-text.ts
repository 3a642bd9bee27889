import EmailReplyParser from 'email-reply-parser';
import { compile } from 'html-to-text';

// Compiled once, on first use: `convert` rebuilds its selector tables on every call (5x slower).
let convertHtml: ((html: string) => string) | undefined;

/** HTML as readable plain text: images dropped, link targets kept in brackets. */
export function htmlToPlainText(html: string): string {
  convertHtml ??= compile({
    // Wrapped: the reply parser refuses lines over 1 000 characters.
    wordwrap: 500,
    selectors: [{ selector: 'img', format: 'skip' }],
  });
  return convertHtml(html).trim();
}

export const maxReplyParseLineChars = 1_000;

// The reply parser's quote-header patterns backtrack across lines around these words (Dutch,
// Danish, Polish, Chinese "wrote"): a text repeating them takes seconds, so only a few may occur.
const spanningKeywords = /schreef|skrev|pisze|napisał|写道/giu;
const maxSpanningKeywords = 4;

/**
 * Whether the reply parser finishes quickly on `text`. Its regular expressions (without the
 * optional `re2` engine) are not linear: cost grows with the text, the length of a line, and
 * repeats of a few keywords, so each is bounded; anything over keeps its full text.
 */
export function isSafeForReplyParser(text: string, maxChars: number): boolean {
  if (text.length > maxChars) return false;
  let lineStart = 0;
  for (;;) {
    const lineEnd = text.indexOf('\n', lineStart);
    const end = lineEnd === -1 ? text.length : lineEnd;
    if (end - lineStart > maxReplyParseLineChars) return false;
    if (lineEnd === -1) break;
    lineStart = lineEnd + 1;
  }
  let keywords = 0;
  for (const _match of text.matchAll(spanningKeywords)) {
    if (++keywords > maxSpanningKeywords) return false;
  }
  return true;
}

/**
 * What the sender wrote this time: quoted replies and signature stripped. A message that is all
 * quote (a forward) keeps its whole text, so nothing the customer sent is lost.
 */
export function stripQuotedReply(text: string): string {
  const visible = new EmailReplyParser().read(text).getVisibleText().trim();
  return visible === '' ? text.trim() : visible;
}
