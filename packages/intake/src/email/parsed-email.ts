import { z } from 'zod';

/** One mailbox; `name` is the decoded display name, when the header had one. */
export const emailAddressSchema = z.object({
  address: z.string(),
  name: z.string().optional(),
});

export type EmailAddress = z.output<typeof emailAddressSchema>;

/** An attachment as metadata only: the bytes never leave `parseEmail`. */
export const emailAttachmentSchema = z.object({
  filename: z.string().nullable(),
  mimeType: z.string(),
  /** Decoded size in bytes. */
  size: z.int().nonnegative(),
  /** `attachment`, `inline`, or null when the part did not say. */
  disposition: z.string().nullable(),
  contentId: z.string().optional(),
});

export type EmailAttachment = z.output<typeof emailAttachmentSchema>;

export const emailWarningCodes = [
  /** The message had no Message-ID: one was derived from its content (stable across repeats). */
  'message_id_generated',
  /** CR, LF or other control characters in a header (header injection) were replaced by spaces. */
  'control_characters_removed',
  /** No text part: the text was converted from the HTML part. */
  'html_converted',
  /** The body is too long or irregular for the reply parser: `reply` is the full text. */
  'reply_not_stripped',
  /** The Date header does not parse: `date` is absent. */
  'invalid_date',
  /** No usable From address. */
  'missing_sender',
] as const;

export const emailWarningSchema = z.object({
  code: z.enum(emailWarningCodes),
  message: z.string(),
});

export type EmailWarning = z.output<typeof emailWarningSchema>;

/** What `parseEmail` returns: every field decoded to UTF-8 and free of control characters in headers. */
export const parsedEmailSchema = z.object({
  /** `<id@host>`, from the header or generated (see `warnings`). */
  messageId: z.string().min(1),
  inReplyTo: z.string().optional(),
  /** Message-IDs of the References header, oldest first (the newest 100). */
  references: z.array(z.string()),
  subject: z.string(),
  from: emailAddressSchema.optional(),
  to: z.array(emailAddressSchema),
  cc: z.array(emailAddressSchema),
  replyTo: z.array(emailAddressSchema),
  /** Sending time (epoch ms) from the Date header. */
  date: z.number().optional(),
  /** The whole plain text, quoted replies and signature included. */
  text: z.string(),
  /** `text` without quoted replies and signature: what the sender wrote this time. */
  reply: z.string(),
  hasHtml: z.boolean(),
  attachments: z.array(emailAttachmentSchema),
  /** An auto-reply or machine-sent message (RFC 3834 Auto-Submitted, Precedence bulk/junk/auto_reply). */
  autoSubmitted: z.boolean(),
  warnings: z.array(emailWarningSchema),
});

export type ParsedEmail = z.output<typeof parsedEmailSchema>;
