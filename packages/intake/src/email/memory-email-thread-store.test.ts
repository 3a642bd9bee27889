import { describe, expect, it } from 'vitest';
import { runEmailThreadStoreContract } from '../test/email-thread-store-contract';
import { createMemoryEmailThreadStore } from './memory-email-thread-store';

runEmailThreadStoreContract({ name: 'memory', createStore: () => createMemoryEmailThreadStore() });

describe('createMemoryEmailThreadStore', () => {
  it('forgets the oldest Message-IDs past its bound', async () => {
    const store = createMemoryEmailThreadStore({ maxMessageIds: 2 });
    await store.link({ ticketId: 't', traceId: 'r' }, ['<1@a>', '<2@a>', '<3@a>']);
    expect(await store.find(['<1@a>'])).toBeUndefined();
    expect(await store.find(['<3@a>'])).toEqual({ ticketId: 't', traceId: 'r' });
  });

  it('returns copies', async () => {
    const store = createMemoryEmailThreadStore();
    await store.link({ ticketId: 't', traceId: 'r' }, ['<1@a>']);
    const found = await store.find(['<1@a>']);
    if (found) found.ticketId = 'changed';
    expect(await store.find(['<1@a>'])).toEqual({ ticketId: 't', traceId: 'r' });
  });

  it('rejects bad options with invalid_input', () => {
    expect(() => createMemoryEmailThreadStore({ maxMessageIds: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});
