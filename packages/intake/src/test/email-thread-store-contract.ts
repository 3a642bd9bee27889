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
