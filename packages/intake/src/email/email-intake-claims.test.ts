import { describe, expect, it } from 'vitest';
import type { EmailThreadStore } from './email-thread-store';
import { createMemoryEmailThreadStore } from './memory-email-thread-store';
import { createEmailIntakeHarness } from './test-support/email-intake-harness';
import { readFixture } from './test-support/read-fixture';

/** A memory store whose next `link` calls fail, as a database that is briefly down would. */
function flakyThreads(failures: number): EmailThreadStore {
  const inner = createMemoryEmailThreadStore();
  let left = failures;
  return {
    find: (...args) => inner.find(...args),
    link: async (...args) => {
      if (left > 0) {
        left -= 1;
        throw new Error('database unavailable');
      }
      return inner.link(...args);
    },
  };
}

describe('createEmailIntake: the thread store decides what was seen', () => {
  it('opens the ticket on a retry after the store failed, instead of a duplicate', async () => {
    const { intake } = createEmailIntakeHarness({ threads: flakyThreads(1) });
    await expect(intake.receive(readFixture('new-ticket'))).rejects.toThrow('database unavailable');
    const retry = await intake.receive(readFixture('new-ticket'));
    expect(retry.kind).toBe('ticket');
    expect(await intake.receive(readFixture('new-ticket'))).toMatchObject({
      kind: 'duplicate',
      reason: 'already_threaded',
      ticketId: retry.kind === 'ticket' ? retry.ticketId : '',
    });
  });

  it('reopens on a retry after saving the ticket failed', async () => {
    const harness = createEmailIntakeHarness();
    const opened = await harness.intake.receive(readFixture('new-ticket'));
    if (opened.kind !== 'ticket') throw new Error('expected a ticket');
    harness.openTicket(opened.ticketId, opened.signal.traceId, 'resolved');
    const failing = createEmailIntakeHarness({
      threads: harness.threads,
      tickets: {
        get: async (id) => harness.ticketMap.get(id),
        save: async () => {
          throw new Error('ticket store unavailable');
        },
      },
    });
    await expect(failing.intake.receive(readFixture('reply-to-ticket'))).rejects.toThrow(
      'ticket store unavailable',
    );
    const retry = await harness.intake.receive(readFixture('reply-to-ticket'));
    expect(retry).toMatchObject({ kind: 'reopened', ticket: { status: 'in_progress' } });
    expect(harness.outcomes).toHaveLength(1);
  });

  it('makes one ticket of two deliveries of one message at once', async () => {
    const { intake } = createEmailIntakeHarness();
    const results = await Promise.all([
      intake.receive(readFixture('new-ticket')),
      intake.receive(readFixture('new-ticket')),
    ]);
    const tickets = results.filter((result) => result.kind === 'ticket');
    const duplicates = results.filter((result) => result.kind === 'duplicate');
    expect(tickets).toHaveLength(1);
    expect(duplicates).toEqual([
      expect.objectContaining({ reason: 'already_threaded', ticketId: tickets[0]?.ticketId }),
    ]);
  });

  it('reports one reply of two deliveries of one reply at once', async () => {
    const { intake, openTicket, outcomes } = createEmailIntakeHarness();
    const opened = await intake.receive(readFixture('new-ticket'));
    if (opened.kind !== 'ticket') throw new Error('expected a ticket');
    openTicket(opened.ticketId, opened.signal.traceId, 'resolved');
    const results = await Promise.all([
      intake.receive(readFixture('reply-to-ticket')),
      intake.receive(readFixture('reply-to-ticket')),
    ]);
    expect(results.map((result) => result.kind).sort()).toEqual(['duplicate', 'reopened']);
    // Both moved the ticket; the outcome id is derived from the message, so a recorder keeps one.
    expect(new Set(outcomes.map((outcome) => outcome.id)).size).toBe(1);
  });
});
