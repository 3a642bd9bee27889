import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { runFeedbackStoreContract } from '../test/index';
import { createMemoryFeedbackStore } from './memory-feedback-store';

runFeedbackStoreContract({ name: 'memory', createStore: createMemoryFeedbackStore });

describe('createMemoryFeedbackStore', () => {
  it('rejects a cursor it did not produce', async () => {
    const store = createMemoryFeedbackStore();
    for (const call of [
      store.listOutcomes({ cursor: 'nope' }),
      store.listTraces({ cursor: '-1' }),
      store.listArtifacts({ cursor: '1.5' }),
    ]) {
      await expect(call).rejects.toSatisfy((error) =>
        GuardloopError.hasCode(error, 'invalid_input'),
      );
    }
  });

  it('runs the contract only with well-formed options', () => {
    const invalid = expect.objectContaining({ code: 'invalid_input' });
    expect(() =>
      runFeedbackStoreContract({ name: '', createStore: createMemoryFeedbackStore }),
    ).toThrow(invalid);
    expect(() => runFeedbackStoreContract({ name: 'x' } as never)).toThrow(invalid);
  });

  it('clamps page sizes into 1..1000', async () => {
    const store = createMemoryFeedbackStore();
    await expect(store.listOutcomes({ limit: 0 })).resolves.toEqual({ items: [] });
    await expect(store.listProblems({ limit: Number.NaN })).resolves.toEqual({ items: [] });
  });
});
