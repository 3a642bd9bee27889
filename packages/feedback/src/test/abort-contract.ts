import { expect, it } from 'vitest';
import type { CreateStore } from './contract-fixtures';
import { storeMethods, wellFormedCalls } from './store-calls';

/** Every method rejects with the signal's reason once aborted, and writes nothing. */
export function abortContract(createStore: CreateStore): void {
  it.each(storeMethods)('rejects %s with the abort reason, writing nothing', async (method) => {
    const store = await createStore();
    const reason = new Error('aborted by test');
    const controller = new AbortController();
    controller.abort(reason);
    await expect(wellFormedCalls[method](store, { abortSignal: controller.signal })).rejects.toBe(
      reason,
    );
    expect(await store.getOutcome('o1')).toBeUndefined();
    expect(await store.getArtifact('a')).toBeUndefined();
    expect(await store.getProblem('p')).toBeUndefined();
  });

  it('rejects with the default reason of a signal aborted without one', async () => {
    const store = await createStore();
    const abortSignal = AbortSignal.abort();
    for (const method of storeMethods) {
      await expect(wellFormedCalls[method](store, { abortSignal })).rejects.toBe(
        abortSignal.reason,
      );
    }
  });
}
