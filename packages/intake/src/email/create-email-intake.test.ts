import { InvalidInputError } from '@guardloop/core';
import { createMemoryFeedbackStore, createOutcomeRecorder } from '@guardloop/feedback';
import { describe, expect, it } from 'vitest';
import { createEmailIntake } from './create-email-intake';
import { createMemoryEmailThreadStore } from './memory-email-thread-store';
import { createEmailIntakeHarness } from './test-support/email-intake-harness';
import { readFixture } from './test-support/read-fixture';

const hours = (count: number) => count * 60 * 60 * 1000;

describe('createEmailIntake: new tickets', () => {
  it('turns a new message into a ticket signal', async () => {
    const { intake } = createEmailIntakeHarness();
    const result = await intake.receive(readFixture('new-ticket'));
    if (result.kind !== 'ticket') throw new Error(`expected a ticket, got ${result.kind}`);
    expect(result.ticketId).toBe('id-1');
    expect(result.signal).toMatchObject({
      kind: 'ticket',
      source: 'email',
      correlationId: 'id-1',
      fields: { channel: 'email' },
      occurredAt: Date.parse('2026-12-01T09:12:40Z'),
      receivedAt: Date.parse('2026-12-01T12:00:00Z'),
      payload: {
        event: 'ticket_opened',
        ticketId: 'id-1',
        channel: 'email',
        subject: 'Charged twice for order #4411',
        from: { address: 'jane.doe@customer.example', name: 'Jane Doe' },
        messageId: '<CAF=4411.order.jane@mail.customer.example>',
        attachments: [],
        warnings: [],
      },
    });
    expect(result.signal.payload.body).not.toContain('Head of Operations');
    expect(result.signal.payload.fullText).toContain('Head of Operations');
    expect(result.signal.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('carries attachment metadata in the payload, never bytes', async () => {
    const { intake } = createEmailIntakeHarness();
    const result = await intake.receive(readFixture('attachments'));
    expect(result.kind).toBe('ticket');
    const payload = result.kind === 'ticket' ? result.signal.payload : {};
    expect(payload.attachments).toEqual([
      expect.objectContaining({ filename: 'invoice-2026-118.pdf', size: 1040 }),
      expect.objectContaining({ filename: 'screenshot.png', mimeType: 'image/png' }),
    ]);
    expect(JSON.stringify(payload)).not.toContain('PDF-1.4');
  });

  it('keeps injected CR/LF out of the signal subject', async () => {
    const { intake } = createEmailIntakeHarness();
    const result = await intake.receive(readFixture('header-injection'));
    const payload = result.kind === 'ticket' ? result.signal.payload : {};
    expect(payload.subject).toBe('Refund Bcc: victim@acme.test hello');
    expect(payload.warnings).toEqual(['control_characters_removed']);
  });
});

describe('createEmailIntake: threading', () => {
  it('threads a reply through References to its ticket', async () => {
    const { intake } = createEmailIntakeHarness();
    const opened = await intake.receive(readFixture('new-ticket'));
    const reply = await intake.receive(readFixture('reply-to-ticket'));
    if (reply.kind !== 'reply') throw new Error(`expected a reply, got ${reply.kind}`);
    expect(reply.ticketId).toBe(opened.kind === 'ticket' ? opened.ticketId : '');
    expect(reply.signal.payload).toMatchObject({
      event: 'customer_reply',
      ticketId: reply.ticketId,
      body: 'The refund has not arrived yet, can you check again?',
    });
    expect(reply.signal.correlationId).toBe(reply.ticketId);
    // The host stored no ticket for it: nothing to move.
    expect(reply).not.toHaveProperty('ticket');
  });

  it('threads through In-Reply-To to an outgoing message the host linked', async () => {
    const { intake, threads } = createEmailIntakeHarness();
    await threads.link({ ticketId: 'T-9', traceId: 'trace-9' }, ['<agent-1.4411@acme.test>']);
    const reply = await intake.receive(readFixture('reply-to-ticket'));
    expect(reply).toMatchObject({ kind: 'reply', ticketId: 'T-9' });
  });

  it('reopens a resolved ticket and records a reopened outcome', async () => {
    const { intake, ticketMap, outcomes, openTicket } = createEmailIntakeHarness();
    const opened = await intake.receive(readFixture('new-ticket'));
    if (opened.kind !== 'ticket') throw new Error('expected a ticket');
    openTicket(opened.ticketId, opened.signal.traceId, 'resolved');
    const reply = await intake.receive(readFixture('reply-to-ticket'));
    if (reply.kind !== 'reopened') throw new Error(`expected reopened, got ${reply.kind}`);
    expect(reply.ticket).toMatchObject({ status: 'in_progress', reopenCount: 1 });
    expect(reply.ticket.history.at(-1)).toMatchObject({
      from: 'resolved',
      to: 'in_progress',
      by: 'jane.doe@customer.example',
    });
    expect(ticketMap.get(opened.ticketId)?.status).toBe('in_progress');
    expect(outcomes).toEqual([
      expect.objectContaining({
        type: 'reopened',
        traceId: opened.signal.traceId,
        ticketId: opened.ticketId,
        channel: 'email',
        data: { messageId: '<CAF=4411.reply.jane@mail.customer.example>' },
      }),
    ]);
    // The reason is what the customer wrote this time (learning reads it), not a fixed phrase.
    const reason = (outcomes[0] as { reason: string }).reason;
    expect(reason).not.toBe('The customer replied by email');
    expect(reason.length).toBeGreaterThan(0);
    expect(reason).not.toMatch(/^>/m);
  });

  it('resumes a ticket pending on the customer', async () => {
    const { intake, openTicket } = createEmailIntakeHarness();
    const opened = await intake.receive(readFixture('new-ticket'));
    if (opened.kind !== 'ticket') throw new Error('expected a ticket');
    openTicket(opened.ticketId, opened.signal.traceId, 'pending_customer');
    const reply = await intake.receive(readFixture('reply-to-ticket'));
    expect(reply).toMatchObject({ kind: 'reply', ticket: { status: 'in_progress' } });
  });

  it('opens a follow-up ticket for a reply to a closed one', async () => {
    const { intake, openTicket } = createEmailIntakeHarness();
    const opened = await intake.receive(readFixture('new-ticket'));
    if (opened.kind !== 'ticket') throw new Error('expected a ticket');
    openTicket(opened.ticketId, opened.signal.traceId, 'closed');
    const reply = await intake.receive(readFixture('reply-to-ticket'));
    if (reply.kind !== 'ticket') throw new Error(`expected a ticket, got ${reply.kind}`);
    expect(reply.followUpOf).toBe(opened.ticketId);
    expect(reply.ticketId).not.toBe(opened.ticketId);
    expect(reply.signal.payload).toMatchObject({ followUpOf: opened.ticketId });
  });

  it('never reopens on an auto-reply, and opens no ticket for an unknown one', async () => {
    const { intake, openTicket, outcomes } = createEmailIntakeHarness();
    expect(await intake.receive(readFixture('auto-reply'))).toMatchObject({
      kind: 'rejected',
      reason: 'auto_submitted',
    });
    const opened = await intake.receive(readFixture('new-ticket'));
    if (opened.kind !== 'ticket') throw new Error('expected a ticket');
    openTicket(opened.ticketId, opened.signal.traceId, 'resolved');
    const auto = await intake.receive(readFixture('auto-reply'));
    expect(auto).toMatchObject({ kind: 'reply', ticket: { status: 'resolved' } });
    expect(outcomes).toEqual([]);
  });

  it('reports a reply without reopening when no tickets are given', async () => {
    const threads = createMemoryEmailThreadStore();
    const intake = createEmailIntake({ threads });
    await intake.receive(readFixture('new-ticket'));
    const reply = await intake.receive(readFixture('reply-to-ticket'));
    expect(reply.kind).toBe('reply');
    expect(reply).not.toHaveProperty('ticket');
  });

  it('keeps the reopen when recording the outcome fails, and says so', async () => {
    const failure = new Error('feedback store down');
    const harness = createEmailIntakeHarness({
      feedback: {
        record: async () => {
          throw failure;
        },
      },
    });
    const opened = await harness.intake.receive(readFixture('new-ticket'));
    if (opened.kind !== 'ticket') throw new Error('expected a ticket');
    harness.openTicket(opened.ticketId, opened.signal.traceId, 'resolved');
    const reply = await harness.intake.receive(readFixture('reply-to-ticket'));
    expect(reply).toMatchObject({ kind: 'reopened', feedbackError: failure });
    expect(harness.ticketMap.get(opened.ticketId)?.status).toBe('in_progress');
  });
});

describe('createEmailIntake: duplicates', () => {
  it('reports a repeat of the same Message-ID as a duplicate', async () => {
    const { intake } = createEmailIntakeHarness();
    const first = await intake.receive(readFixture('new-ticket'));
    const again = await intake.receive(readFixture('new-ticket'));
    expect(again).toEqual({
      kind: 'duplicate',
      reason: 'already_threaded',
      messageId: '<CAF=4411.order.jane@mail.customer.example>',
      ticketId: first.kind === 'ticket' ? first.ticketId : '',
    });
  });

  it('still knows the message from its thread days later', async () => {
    const { intake, clock } = createEmailIntakeHarness();
    await intake.receive(readFixture('new-ticket'));
    clock.advance(hours(25));
    expect(await intake.receive(readFixture('new-ticket'))).toMatchObject({
      kind: 'duplicate',
      reason: 'already_threaded',
    });
  });

  it('deduplicates messages without a Message-ID by their derived one', async () => {
    const { intake } = createEmailIntakeHarness();
    const first = await intake.receive(readFixture('no-message-id'));
    expect(first.kind === 'ticket' && first.signal.payload.warnings).toEqual([
      'message_id_generated',
    ]);
    expect((await intake.receive(readFixture('no-message-id'))).kind).toBe('duplicate');
  });

  it('does not dedupe a reply against its ticket', async () => {
    const { intake } = createEmailIntakeHarness();
    await intake.receive(readFixture('new-ticket'));
    expect((await intake.receive(readFixture('reply-to-ticket'))).kind).toBe('reply');
    expect((await intake.receive(readFixture('reply-to-ticket'))).kind).toBe('duplicate');
  });
});

describe('createEmailIntake: bad input', () => {
  it('rejects a message over maxBytes with the typed error', async () => {
    const { intake } = createEmailIntakeHarness({ maxBytes: 200 });
    const result = await intake.receive(readFixture('new-ticket'));
    expect(result).toMatchObject({
      kind: 'rejected',
      reason: 'too_large',
      error: { code: 'email_too_large', maxBytes: 200 },
    });
  });

  it.each([
    ['empty', ''],
    ['not MIME', 'hello, this is not an email'],
  ])('rejects %s input as malformed', async (_label, raw) => {
    const { intake } = createEmailIntakeHarness();
    const result = await intake.receive(raw);
    expect(result).toMatchObject({
      kind: 'rejected',
      reason: 'malformed',
      error: { code: 'malformed_email' },
    });
    expect(result.kind === 'rejected' && result.message).toMatch(/Malformed email/);
  });

  it('rejects a message without a sender, with what was read', async () => {
    const { intake } = createEmailIntakeHarness();
    const result = await intake.receive(readFixture('no-from'));
    expect(result).toMatchObject({
      kind: 'rejected',
      reason: 'missing_sender',
      email: { subject: 'Who am I' },
    });
  });

  it('throws invalid_input for input that is not a message', async () => {
    const { intake } = createEmailIntakeHarness();
    const error = await intake.receive(12 as never).catch((thrown: unknown) => thrown);
    expect(InvalidInputError.isInstance(error)).toBe(true);
  });

  it('throws invalid_input for malformed options', () => {
    expect(() => createEmailIntake({} as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() =>
      createEmailIntake({ threads: createMemoryEmailThreadStore(), maxBytes: 0 }),
    ).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('rejects with the abort reason', async () => {
    const { intake } = createEmailIntakeHarness();
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(
      intake.receive(readFixture('new-ticket'), { abortSignal: controller.signal }),
    ).rejects.toThrow('cancelled');
  });
});

describe('createEmailIntake with @guardloop/feedback', () => {
  it('records the reopen with the real outcome recorder, once per message', async () => {
    const store = createMemoryFeedbackStore();
    const recorder = createOutcomeRecorder({ store });
    const harness = createEmailIntakeHarness({ feedback: recorder });
    const opened = await harness.intake.receive(readFixture('new-ticket'));
    if (opened.kind !== 'ticket') throw new Error('expected a ticket');
    const traceId = opened.signal.traceId;
    // Before the reply (the recorder orders a trace's events by time).
    const at = harness.clock.now() - 60_000;
    await recorder.record({ type: 'decision', traceId, at, verdict: 'allow' });
    await recorder.record({ type: 'resolved', traceId, at, firstContact: true });
    harness.openTicket(opened.ticketId, traceId, 'resolved');
    const reply = await harness.intake.receive(readFixture('reply-to-ticket'));
    expect(reply).toMatchObject({ kind: 'reopened' });
    expect(reply).not.toHaveProperty('feedbackError');
    const trace = await store.getTrace(traceId);
    expect(trace).toMatchObject({ reopens: 1, resolved: false });
    // A redelivered reply is a duplicate: no second reopen.
    expect((await harness.intake.receive(readFixture('reply-to-ticket'))).kind).toBe('duplicate');
    expect(await store.getTrace(traceId)).toMatchObject({ reopens: 1 });
  });
});

describe('createEmailIntake: a broken host', () => {
  it('throws invalid_input when tickets.get returns something that is not a ticket', async () => {
    const harness = createEmailIntakeHarness({
      tickets: { get: async () => ({ id: 'x' }) as never, save: async () => {} },
    });
    await harness.intake.receive(readFixture('new-ticket'));
    await expect(harness.intake.receive(readFixture('reply-to-ticket'))).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
