import { describe, expect, it } from 'vitest';
import type { EmailThreadStore } from '../email/email-thread-store';

export interface EmailThreadStoreContractOptions {
  name: string;
  /** A new, empty store for each test. */
  createStore: () => EmailThreadStore | Promise<EmailThreadStore>;
}

const ticketA = { ticketId: 'ticket-a', traceId: 'trace-a' };
const ticketB = { ticketId: 'ticket-b', traceId: 'trace-b' };

/** The behaviour every `EmailThreadStore` must have, as vitest suites. */
export function runEmailThreadStoreContract({
  name,
  createStore,
}: EmailThreadStoreContractOptions): void {
  describe(`EmailThreadStore contract (${name})`, () => {
    it('finds the thread of the first known Message-ID, in the order given', async () => {
      const store = await createStore();
      expect(await store.find(['<m1@a>'])).toBeUndefined();
      await store.link(ticketA, ['<m1@a>', '<m2@a>']);
      await store.link(ticketB, ['<m3@b>']);
      expect(await store.find(['<unknown@x>', '<m2@a>'])).toEqual(ticketA);
      expect(await store.find(['<m3@b>', '<m1@a>'])).toEqual(ticketB);
      expect(await store.find([])).toBeUndefined();
    });

    it('keeps the first thread of a Message-ID linked twice', async () => {
      const store = await createStore();
      await store.link(ticketA, ['<m1@a>']);
      await store.link(ticketB, ['<m1@a>', '<m4@b>']);
      expect(await store.find(['<m1@a>'])).toEqual(ticketA);
      expect(await store.find(['<m4@b>'])).toEqual(ticketB);
    });

    it('tells the call that linked the first Message-ID that it claimed it', async () => {
      const store = await createStore();
      expect(await store.link(ticketA, ['<m1@a>', '<m0@a>'])).toEqual({
        claimed: true,
        thread: ticketA,
      });
      // Only the first id decides: `<m0@a>` is known, `<m5@b>` is not, and B claims it.
      expect(await store.link(ticketB, ['<m1@a>', '<m5@b>'])).toEqual({
        claimed: false,
        thread: ticketA,
      });
      expect(await store.link(ticketB, ['<m6@b>', '<m0@a>'])).toEqual({
        claimed: true,
        thread: ticketB,
      });
      expect(await store.find(['<m5@b>'])).toEqual(ticketB);
      expect(await store.find(['<m0@a>'])).toEqual(ticketA);
    });

    it('lets exactly one of simultaneous links claim a Message-ID', async () => {
      const store = await createStore();
      const threads = Array.from({ length: 8 }, (_, index) => ({
        ticketId: `ticket-${index}`,
        traceId: `trace-${index}`,
      }));
      const links = await Promise.all(
        threads.map((thread) => store.link(thread, ['<race@a>', `<ref-${thread.ticketId}@a>`])),
      );
      const winners = links.filter((link) => link.claimed);
      expect(winners).toHaveLength(1);
      const winner = winners[0]?.thread;
      for (const link of links) expect(link.thread).toEqual(winner);
      expect(await store.find(['<race@a>'])).toEqual(winner);
    });

    it('accepts a repeated Message-ID within one call', async () => {
      const store = await createStore();
      expect(await store.link(ticketA, ['<m1@a>', '<m1@a>'])).toEqual({
        claimed: true,
        thread: ticketA,
      });
      expect(await store.find(['<m1@a>'])).toEqual(ticketA);
    });

    it('matches Message-IDs exactly', async () => {
      const store = await createStore();
      await store.link(ticketA, ['<Case@Host>']);
      expect(await store.find(['<case@host>'])).toBeUndefined();
      expect(await store.find(['<Case@Host>'])).toEqual(ticketA);
    });

    it('rejects malformed arguments with invalid_input', async () => {
      const store = await createStore();
      const invalid = expect.objectContaining({ code: 'invalid_input' });
      await expect(store.find('<m1@a>' as never)).rejects.toEqual(invalid);
      await expect(store.find([''])).rejects.toEqual(invalid);
      await expect(store.link({ ticketId: '', traceId: 't' }, ['<m@a>'])).rejects.toEqual(invalid);
      await expect(store.link(ticketA, Array(1001).fill('<m@a>'))).rejects.toEqual(invalid);
      await expect(store.link(ticketA, [])).rejects.toEqual(invalid);
      await expect(store.link(ticketA, [42] as never)).rejects.toEqual(invalid);
      expect(await store.find(['<m@a>'])).toBeUndefined();
    });

    it('rejects with the abort reason', async () => {
      const store = await createStore();
      const controller = new AbortController();
      controller.abort(new Error('stop'));
      await expect(store.find(['<m1@a>'], { abortSignal: controller.signal })).rejects.toThrow(
        'stop',
      );
      await expect(
        store.link(ticketA, ['<m1@a>'], { abortSignal: controller.signal }),
      ).rejects.toThrow('stop');
      expect(await store.find(['<m1@a>'])).toBeUndefined();
    });
  });
}
