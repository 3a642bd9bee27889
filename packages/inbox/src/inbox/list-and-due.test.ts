import { describe, expect, it } from 'vitest';
import { createMemoryInboxStore } from '../store/memory-inbox-store';
import { createTestInbox, refundEscalation, reviewers, testNow } from '../test/test-inbox';

const hour = 60 * 60_000;

describe('inbox.list', () => {
  it('pages with an opaque cursor until the last page', async () => {
    const { inbox } = createTestInbox(createMemoryInboxStore());
    const ids: string[] = [];
    for (let index = 0; index < 5; index++)
      ids.push((await inbox.escalate(refundEscalation({ queue: index % 2 ? 'a' : 'b' }))).id);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await inbox.list({ limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => item.id));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(ids);
    expect((await inbox.list({ queue: 'a' })).items.map((item) => item.id)).toEqual([
      ids[1],
      ids[3],
    ]);
    await inbox.claim(ids[0] as string, { reviewer: reviewers.tier1 });
    await inbox.reject(ids[2] as string, { reviewer: reviewers.tier1, reason: 'spam' });
    expect((await inbox.list({ assignee: 'lea' })).items.map((item) => item.id)).toEqual([ids[0]]);
    expect(
      (await inbox.list({ status: ['rejected', 'approved'] })).items.map((item) => item.id),
    ).toEqual([ids[2]]);
    expect((await inbox.list({ status: 'pending', limit: 10 })).items).toHaveLength(4);
    expect(await inbox.list()).toMatchObject({ nextCursor: null });
  });
});

describe('SLA clocks', () => {
  it('sets due times per priority and reports warnings, then breaches, across days', async () => {
    const { inbox, clock } = createTestInbox(createMemoryInboxStore());
    const urgent = await inbox.escalate(refundEscalation({ priority: 'urgent' }));
    const normal = await inbox.escalate(refundEscalation());
    const low = await inbox.escalate(refundEscalation({ priority: 'low' }));
    expect([low.acknowledgeBy, low.decideBy]).toEqual([null, null]);
    expect((await inbox.due()).items).toEqual([]);
    // Claiming acknowledges: the acknowledge clock stops, the decide clock keeps running.
    await inbox.claim(normal.id, { reviewer: reviewers.tier1 });
    clock.advance(2 * hour);
    const due = await inbox.due({ warnBeforeMs: 3 * hour });
    expect(due.items.map(({ item, deadlines }) => [item.id, deadlines])).toEqual([
      [
        urgent.id,
        [
          { clock: 'acknowledge', dueAt: testNow + 5 * 60_000, state: 'breached' },
          { clock: 'decide', dueAt: testNow + 30 * 60_000, state: 'breached' },
        ],
      ],
      [normal.id, [{ clock: 'decide', dueAt: testNow + 4 * hour, state: 'warning' }]],
    ]);
    // `now` may be given explicitly, e.g. to look ahead a day.
    const tomorrow = await inbox.due({ now: testNow + 24 * hour });
    expect(tomorrow.items.map(({ item }) => item.id)).toEqual([urgent.id, normal.id]);
    await inbox.approve(urgent.id, { reviewer: reviewers.tier1 });
    clock.advance(3 * 24 * hour);
    expect((await inbox.due()).items.map(({ item }) => item.id)).toEqual([normal.id]);
  });
});
