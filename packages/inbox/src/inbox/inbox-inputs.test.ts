import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createMemoryInboxStore } from '../store/memory-inbox-store';
import { createTestInbox, refundEscalation, reviewers } from '../test/test-inbox';
import { createInbox } from './create-inbox';

const code = (expected: string) => (error: unknown) => GuardloopError.hasCode(error, expected);
const setup = async () => {
  const test = createTestInbox(createMemoryInboxStore());
  const item = await test.inbox.escalate(refundEscalation());
  return { ...test, item };
};
type Inbox = Awaited<ReturnType<typeof setup>>['inbox'];

describe('every entry point rejects malformed input with invalid_input', () => {
  const reviewer = reviewers.tier1;
  it.each<[string, (inbox: Inbox, id: string) => Promise<unknown>]>([
    ['escalate without a trace', (inbox) => inbox.escalate({ ...refundEscalation(), traceId: '' })],
    ['escalate of nothing', (inbox) => inbox.escalate(undefined as never)],
    [
      'escalate with a bigint input',
      (inbox) => inbox.escalate(refundEscalation({ action: { name: 'refund', input: { a: 1n } } })),
    ],
    [
      'escalate with a cyclic evidence',
      (inbox) => {
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        return inbox.escalate(refundEscalation({ evidence: cyclic }));
      },
    ],
    [
      'escalate with an unknown priority',
      (inbox) => inbox.escalate(refundEscalation({ priority: 'asap' })),
    ],
    [
      'escalate with a NUL queue',
      (inbox) => inbox.escalate(refundEscalation({ queue: 'a\u0000' })),
    ],
    [
      'escalate with a getter that throws',
      (inbox) =>
        inbox.escalate(
          Object.defineProperty(refundEscalation(), 'reason', {
            get() {
              throw new Error('boom');
            },
            enumerable: true,
          }),
        ),
    ],
    ['get with a number id', (inbox) => inbox.get(42 as never)],
    ['list with a zero limit', (inbox) => inbox.list({ limit: 0 })],
    ['list with a forged cursor', (inbox) => inbox.list({ cursor: 'DROP TABLE' })],
    ['list with an unknown status', (inbox) => inbox.list({ status: 'open' as never })],
    ['claim without a reviewer', (inbox, id) => inbox.claim(id, {} as never)],
    ['claim with a negative lease', (inbox, id) => inbox.claim(id, { reviewer, leaseMs: -1 })],
    ['claim with a fractional lease', (inbox, id) => inbox.claim(id, { reviewer, leaseMs: 1.5 })],
    [
      'release with a malformed reviewer',
      (inbox, id) => inbox.release(id, { reviewer: { id: '' } as never }),
    ],
    ['reassign without a target', (inbox, id) => inbox.reassign(id, { by: reviewer } as never)],
    ['comment with empty text', (inbox, id) => inbox.comment(id, { by: reviewer, text: '' })],
    ['approve with an empty id', (inbox) => inbox.approve('', { reviewer })],
    [
      'approve with a non-string note',
      (inbox, id) => inbox.approve(id, { reviewer, note: 5 as never }),
    ],
    [
      'approveWithEdits with an input the schema refuses',
      (inbox, id) => inbox.approveWithEdits(id, { reviewer, input: { orderId: 'o', amount: -3 } }),
    ],
    ['reject without a reason', (inbox, id) => inbox.reject(id, { reviewer } as never)],
    ['due with a negative warning', (inbox) => inbox.due({ warnBeforeMs: -1 })],
    ['due with a non-integer now', (inbox) => inbox.due({ now: Number.NaN })],
  ])('%s', async (_, call) => {
    const { inbox, item, runs } = await setup();
    await expect(call(inbox, item.id)).rejects.toSatisfy(code('invalid_input'));
    expect(runs).toEqual([]);
    expect((await inbox.get(item.id)).revision).toBe(0);
  });

  it('refuses malformed options and policy data when the inbox is created', () => {
    const store = createMemoryInboxStore();
    expect(() => createInbox({ store: {} as never })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => createInbox({ store, sla: { normal: { decideWithinMs: 0 } } })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => createInbox({ store, defaultLeaseMs: 2 ** 40 })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => createInbox({ store, reviewers: { policy: { actions: [] } as never } })).toThrow(
      expect.objectContaining({ code: 'invalid_policy' }),
    );
  });

  it('rejects with the abort reason once the caller aborts', async () => {
    const { inbox, item } = await setup();
    const controller = new AbortController();
    const reason = new Error('gave up');
    controller.abort(reason);
    const abortSignal = controller.signal;
    await expect(inbox.get(item.id, { abortSignal })).rejects.toBe(reason);
    await expect(inbox.claim(item.id, { reviewer: reviewers.tier1, abortSignal })).rejects.toBe(
      reason,
    );
    await expect(inbox.approve(item.id, { reviewer: reviewers.tier1, abortSignal })).rejects.toBe(
      reason,
    );
    await expect(inbox.list({ abortSignal })).rejects.toBe(reason);
    expect((await inbox.get(item.id)).status).toBe('pending');
  });
});
