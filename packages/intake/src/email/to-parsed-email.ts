import type { Email } from 'postal-mime';
import {
  cleanAddresses,
  cleanHeaderText,
  generatedMessageId,
  isAutoSubmitted,
  messageIdsOf,
} from './email-headers';
import { htmlToPlainText, isSafeForReplyParser, stripQuotedReply } from './email-text';
import type { EmailWarning, ParsedEmail } from './parsed-email';

// The newest ones only: a hostile References header may list thousands.
const maxReferences = 100;

/** postal-mime's message as a `ParsedEmail`: cleaned headers, text, reply, warnings. */
export function toParsedEmail(email: Email, maxReplyParseChars: number): ParsedEmail {
  const warnings: EmailWarning[] = [];
  let injected = false;
  const header = (value: string | undefined) => {
    const cleaned = cleanHeaderText(value ?? '');
    injected ||= cleaned.changed;
    return cleaned.text;
  };
  const addresses = (value: Parameters<typeof cleanAddresses>[0]) => {
    const cleaned = cleanAddresses(value);
    injected ||= cleaned.changed;
    return cleaned.addresses;
  };
  const subject = header(email.subject);
  const [from] = addresses(email.from ? [email.from] : undefined);
  if (from === undefined)
    warnings.push({ code: 'missing_sender', message: 'No usable From address.' });
  let text = email.text?.trim() ?? '';
  if (text === '' && email.html !== undefined) {
    text = htmlToPlainText(email.html);
    warnings.push({
      code: 'html_converted',
      message: 'No text part: the text was converted from HTML.',
    });
  }
  let reply = text;
  if (text !== '' && !isSafeForReplyParser(text, maxReplyParseChars)) {
    warnings.push({
      code: 'reply_not_stripped',
      message: `The body is too long or irregular for the reply parser (over ${maxReplyParseChars} characters, a line over 1000, or repeated quote keywords): quoted replies were not stripped.`,
    });
  } else if (text !== '') reply = stripQuotedReply(text);
  const date = email.date === undefined ? undefined : Date.parse(email.date);
  if (date !== undefined && Number.isNaN(date)) {
    warnings.push({ code: 'invalid_date', message: 'The Date header does not parse.' });
  }
  let [messageId] = messageIdsOf(email.messageId);
  if (messageId === undefined) {
    messageId = generatedMessageId([from?.address, email.date, subject, text]);
    warnings.push({
      code: 'message_id_generated',
      message: `No Message-ID: ${messageId} was derived from the content.`,
    });
  }
  const [inReplyTo] = messageIdsOf(email.inReplyTo);
  const parsed: ParsedEmail = {
    messageId,
    ...(inReplyTo === undefined ? {} : { inReplyTo }),
    references: messageIdsOf(email.references).slice(-maxReferences),
    subject,
    ...(from === undefined ? {} : { from }),
    to: addresses(email.to),
    cc: addresses(email.cc),
    replyTo: addresses(email.replyTo),
    ...(date === undefined || Number.isNaN(date) ? {} : { date }),
    text,
    reply,
    hasHtml: email.html !== undefined,
    attachments: email.attachments.map((attachment) => ({
      filename: attachment.filename === null ? null : header(attachment.filename),
      mimeType: attachment.mimeType,
      size: contentSize(attachment.content),
      disposition: attachment.disposition,
      ...(attachment.contentId ? { contentId: header(attachment.contentId) } : {}),
    })),
    autoSubmitted: isAutoSubmitted(email.headers),
    warnings,
  };
  if (injected) {
    warnings.push({
      code: 'control_characters_removed',
      message: 'Control characters (CR, LF...) in headers were replaced by spaces.',
    });
  }
  return parsed;
}

function contentSize(content: ArrayBuffer | Uint8Array | string): number {
  return typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
}
