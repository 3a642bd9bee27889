import { dayMs } from '../schemas/time-range';
import type { FeedbackStore, Page } from '../store/feedback-store';
import { commitEvent, fixtureDay, outcomeEvent } from './contract-fixtures';

/** Reads every page (at most 100) of a paged query, keeping the pages apart. */
export async function pages<Item>(
  read: (cursor?: string) => Promise<Page<Item>>,
): Promise<Item[][]> {
  const all: Item[][] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    all.push(page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined && all.length < 100);
  return all;
}

/** Seven outcomes on three traces, two days, two categories, two channels (as recorded: full segments). */
export async function seed(store: FeedbackStore) {
  const events = [
    outcomeEvent({ id: 'a1', traceId: 'ta', ticketId: 'k1' }),
    outcomeEvent({ id: 'b1', traceId: 'tb', category: 'tech', at: fixtureDay + dayMs + 5 }),
    outcomeEvent({
      id: 'a2',
      traceId: 'ta',
      type: 'resolved',
      firstContact: true,
      at: fixtureDay + 7_200_000,
    }),
    outcomeEvent({ id: 'c1', traceId: 'tc', channel: 'chat', type: 'escalated' }),
    outcomeEvent({
      id: 'b2',
      traceId: 'tb',
      category: 'tech',
      type: 'csat',
      score: 5,
      at: fixtureDay + dayMs + 9,
      flags: ['unknown_trace'],
    }),
    outcomeEvent({ id: 'a3', traceId: 'ta', type: 'reopened', reason: 'again' }),
    outcomeEvent({
      id: 'c2',
      traceId: 'tc',
      channel: 'chat',
      type: 'resolved',
      firstContact: false,
    }),
  ];
  for (const event of events) await commitEvent(store, event);
}
