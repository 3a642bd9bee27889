import { runCounterStoreContract } from '@guardloop/economic/test';
import { describe, expect, it } from 'vitest';
import { createMemoryCounterStore } from './memory-counter-store';

runCounterStoreContract({ name: 'memory', createStore: () => createMemoryCounterStore() });

describe('runCounterStoreContract', () => {
  it('rejects malformed options with invalid_input before declaring any test', () => {
    for (const options of [
      undefined,
      {},
      { name: '', createStore: () => undefined },
      { name: 'x' },
    ]) {
      expect(() => runCounterStoreContract(options as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
  });
});

describe('createMemoryCounterStore', () => {
  it('reports how many buckets it holds, and prune lowers the count', async () => {
    const store = createMemoryCounterStore();
    for (let index = 0; index < 10; index++) await store.increment('k', index, 1);
    await store.increment('other', 3, 1);
    expect(store.bucketCount()).toBe(11);
    await store.prune(5);
    expect(store.bucketCount()).toBe(5);
  });
});
