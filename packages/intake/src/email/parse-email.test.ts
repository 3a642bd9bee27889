import { InvalidInputError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { EmailTooLargeError } from '../errors/email-too-large-error';
import { MalformedEmailError } from '../errors/malformed-email-error';
import { parseEmail } from './parse-email';
import { readFixture, readFixtureText } from './test-support/read-fixture';

const codes = (email: { warnings: { code: string }[] }) =>
  email.warnings.map((warning) => warning.code);

describe('parseEmail', () => {
  it('reads headers, text and the reply without signature', async () => {
    const email = await parseEmail(readFixture('new-ticket'));
    expect(email).toMatchObject({
      messageId: '<CAF=4411.order.jane@mail.customer.example>',
      subject: 'Charged twice for order #4411',
      from: { address: 'jane.doe@customer.example', name: 'Jane Doe' },
      to: [{ address: 'support@acme.test', name: 'Acme Support' }],
      cc: [{ address: 'billing@customer.example' }],
      date: Date.parse('2026-12-01T09:12:40Z'),
      references: [],
      hasHtml: false,
      autoSubmitted: false,
      attachments: [],
      warnings: [],
    });
    expect(email.text).toContain('Head of Operations');
    expect(email.reply).toContain('charged twice for order #4411');
    expect(email.reply).not.toContain('Head of Operations');
  });

  it('strips the quoted reply but keeps the full text', async () => {
    const email = await parseEmail(readFixtureText('reply-to-ticket'));
    expect(email.inReplyTo).toBe('<agent-1.4411@acme.test>');
    expect(email.references).toEqual([
      '<CAF=4411.order.jane@mail.customer.example>',
      '<agent-1.4411@acme.test>',
    ]);
    expect(email.reply).toBe('The refund has not arrived yet, can you check again?');
    expect(email.text).toContain('we refunded the second payment today');
  });

  it('converts HTML-only mail to text', async () => {
    const email = await parseEmail(readFixture('html-only'));
    expect(email.hasHtml).toBe(true);
    expect(codes(email)).toEqual(['html_converted']);
    expect(email.text).toContain('cannot log in');
    expect(email.text).toMatch(/\* Invalid session/);
    expect(email.text).not.toMatch(/<|color: red/);
  });

  it('keeps attachments as metadata, never bytes', async () => {
    const email = await parseEmail(readFixture('attachments'));
    expect(email.text).toBe('Please find the invoice and a screenshot attached.');
    expect(email.attachments).toEqual([
      {
        filename: 'invoice-2026-118.pdf',
        mimeType: 'application/pdf',
        size: 1040,
        disposition: 'attachment',
      },
      {
        filename: 'screenshot.png',
        mimeType: 'image/png',
        size: 216,
        disposition: 'inline',
        contentId: '<screenshot-1@firma.example>',
      },
    ]);
    expect(JSON.stringify(email)).not.toContain('PDF-1.4');
  });

  it.each([
    ['iso-8859-1', 'René Lefèvre', 'Problème de facturation', 'décembre est erronée : 12,50 £'],
    [
      'windows-1252',
      "Tom O'Brien",
      '\u201cRefund\u201d request',
      'I paid €20 for the \u201cpremium\u201d plan \u2013',
    ],
    ['shift-jis', '山田太郎', '注文について', '注文番号 4411 の返金をお願いします。'],
  ] as const)('decodes %s', async (name, sender, subject, body) => {
    const email = await parseEmail(readFixture(name));
    expect(email.from?.name).toBe(sender);
    expect(email.subject).toBe(subject);
    expect(email.text).toContain(body);
  });

  it('removes CR/LF smuggled into the subject and says so', async () => {
    const email = await parseEmail(readFixture('header-injection'));
    expect(email.subject).toBe('Refund Bcc: victim@acme.test hello');
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(codes(email)).toContain('control_characters_removed');
  });

  it('generates a stable Message-ID from the content when there is none', async () => {
    const first = await parseEmail(readFixture('no-message-id'));
    const again = await parseEmail(readFixtureText('no-message-id'));
    expect(first.messageId).toMatch(/^<[0-9a-f]{32}@generated\.guardloop\.invalid>$/);
    expect(again.messageId).toBe(first.messageId);
    expect(codes(first)).toEqual(['message_id_generated']);
  });

  it('reports a missing sender instead of failing', async () => {
    const email = await parseEmail(readFixture('no-from'));
    expect(email.from).toBeUndefined();
    expect(codes(email)).toEqual(['missing_sender']);
  });

  it('flags auto-replies', async () => {
    expect((await parseEmail(readFixture('auto-reply'))).autoSubmitted).toBe(true);
  });

  it('accepts an ArrayBuffer', async () => {
    const bytes = readFixture('new-ticket');
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    expect((await parseEmail(buffer as ArrayBuffer)).subject).toBe('Charged twice for order #4411');
  });

  it('treats an unparsable Date as absent', async () => {
    const email = await parseEmail(
      'From: a@b.example\r\nDate: someday soon\r\nMessage-ID: <d@b>\r\n\r\nhi',
    );
    expect(email.date).toBeUndefined();
    expect(codes(email)).toEqual(['invalid_date']);
  });
});

describe('parseEmail bad input', () => {
  it('refuses a message over maxBytes before parsing', async () => {
    const huge = `From: a@b.example\r\nSubject: big\r\n\r\n${'x'.repeat(10 * 1024 * 1024)}`;
    const error = await parseEmail(huge).catch((thrown: unknown) => thrown);
    expect(EmailTooLargeError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'email_too_large', maxBytes: 10 * 1024 * 1024 });
    await expect(parseEmail(readFixture('new-ticket'), { maxBytes: 100 })).rejects.toMatchObject({
      code: 'email_too_large',
      maxBytes: 100,
    });
  });

  it('counts bytes, not characters', async () => {
    const raw = `From: a@b.example\r\n\r\n${'é'.repeat(60)}`;
    expect(raw.length).toBeLessThan(150);
    await expect(parseEmail(raw, { maxBytes: 100 })).rejects.toMatchObject({ size: 141 });
  });

  it.each([
    ['empty string', ''],
    ['whitespace', ' \r\n\t'],
    ['empty bytes', new Uint8Array()],
  ])('rejects %s as empty', async (_label, raw) => {
    const error = await parseEmail(raw).catch((thrown: unknown) => thrown);
    expect(MalformedEmailError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'malformed_email', reason: 'empty' });
  });

  it.each([
    ['plain prose', 'just some words, no headers at all'],
    ['binary garbage', new Uint8Array([0, 1, 2, 3, 255, 254, 0, 10, 13, 10])],
    ['a body only', '\r\n\r\nHello there'],
  ])('rejects %s as malformed MIME', async (_label, raw) => {
    await expect(parseEmail(raw)).rejects.toMatchObject({
      code: 'malformed_email',
      reason: 'no_headers',
    });
  });

  it.each([
    ['a number', 42],
    ['null', null],
    ['an object', { subject: 'x' }],
    ['an array', ['From: a@b']],
  ])('rejects %s with invalid_input', async (_label, raw) => {
    const error = await parseEmail(raw as never).catch((thrown: unknown) => thrown);
    expect(InvalidInputError.isInstance(error)).toBe(true);
  });

  it('rejects bad options with invalid_input', async () => {
    await expect(parseEmail('From: a@b', { maxBytes: -1 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('rejects with the abort reason', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      parseEmail(readFixture('new-ticket'), { abortSignal: controller.signal }),
    ).rejects.toThrow('stop');
  });

  it.each([
    // Each took the reply parser seconds (its regular expressions backtrack) before the guard.
    ['repeated quote keywords', 'Op schreef\n'.repeat(800)],
    ['a very long line', `From: ${'<'.repeat(20_000)}`],
    ['a keyword-laden start', `abc. ${' skrev '.repeat(2_000)}`],
  ])('keeps the full text for %s instead of hanging', async (_label, body) => {
    const email = await parseEmail(`From: a@b.example\r\nMessage-ID: <slow@b>\r\n\r\n${body}`);
    expect(email.reply).toBe(email.text);
    expect(email.warnings.map((warning) => warning.code)).toEqual(['reply_not_stripped']);
  });

  it('skips reply stripping on a very long body and says so', async () => {
    const raw = `From: a@b.example\r\nMessage-ID: <long@b>\r\n\r\n${'line\n'.repeat(30_000)}`;
    const email = await parseEmail(raw);
    expect(email.reply).toBe(email.text);
    expect(email.warnings.map((warning) => warning.code)).toEqual(['reply_not_stripped']);
  });
});

describe('parseEmail Message-IDs', () => {
  it('keeps the newest 100 references and skips unusable ids', async () => {
    const references = Array.from({ length: 3000 }, (_, index) => `<r${index}@a>`).join(' ');
    const longId = `<${'x'.repeat(600)}@a>`;
    const email = await parseEmail(
      `From: a@b.example\r\nMessage-ID: ${longId}\r\nIn-Reply-To: r5@a\r\nReferences: ${references}\r\n\r\nhi`,
    );
    expect(email.references).toHaveLength(100);
    expect(email.references.at(-1)).toBe('<r2999@a>');
    expect(email.inReplyTo).toBe('<r5@a>');
    // Too long for a thread store key: replaced by a derived one, and said so.
    expect(email.messageId).toMatch(/@generated\.guardloop\.invalid>$/);
    expect(email.warnings.map((warning) => warning.code)).toEqual(['message_id_generated']);
  });
});
