import { GuardloopError } from '@guardloop/core';
import { commitEvent, outcomeEvent } from '@guardloop/feedback/test';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../test-support/test-databases';
import { createPostgresFeedbackStore } from './postgres-feedback-store';

const database = useTestDatabase('pglite', 'feedback_inputs');
const invalidInput = (error: unknown) => GuardloopError.hasCode(error, 'invalid_input');

async function setup() {
  const client = await database.client();
  return createPostgresFeedbackStore({ client, schema: await database.newSchema() });
}

describe('createPostgresFeedbackStore input checks', () => {
  it('rejects a missing client and unsafe schema names', async () => {
    const client = await database.client();
    expect(() => createPostgresFeedbackStore({} as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => createPostgresFeedbackStore({ client, schema: 'x"; DROP TABLE y; --' })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });

  // Malformed arguments of every method: the contract suite (`feedback-store-contract.test.ts`).

  it('rejects a cursor it did not issue', async () => {
    const store = await setup();
    for (const call of [
      store.listOutcomes({ cursor: 'nope' }),
      store.listTraces({ cursor: '-1' }),
      store.listArtifacts({ cursor: '1.5' }),
      store.listProblems({ cursor: Buffer.from('["x"]').toString('base64url') }),
    ]) {
      await expect(call).rejects.toSatisfy(invalidInput);
    }
  });

  it('clamps page sizes into 1..1000, as the memory store does', async () => {
    const store = await setup();
    for (const id of ['o1', 'o2']) await commitEvent(store, outcomeEvent({ id, traceId: id }));
    expect((await store.listOutcomes({ limit: 0 })).items).toHaveLength(1);
    expect((await store.listTraces({ limit: Number.NaN })).items).toHaveLength(2);
  });
});
