import { GuardloopError } from '@guardloop/core';
import {
  artifactRecord,
  commitEvent,
  commitFor,
  fixtureDay,
  outcomeEvent,
  problemRecord,
} from '@guardloop/feedback/test';
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

  it('rejects malformed arguments of every method with invalid_input, writing nothing', async () => {
    const store = await setup();
    const commit = commitFor(undefined, outcomeEvent({ id: 'o1', traceId: 't1' }));
    const calls: Array<() => Promise<unknown>> = [
      () => store.commitOutcome({ ...commit, outcome: { ...commit.outcome, at: -1 } }),
      () => store.commitOutcome({ ...commit, expectedTraceRevision: 0 }),
      () =>
        store.commitOutcome({
          ...commit,
          aggregateDeltas: [{ ...commit.trace, counters: { tickets: 1 } as never }],
        }),
      () => store.commitOutcome(commit, { abortSignal: 'stop' as never }),
      () => store.getOutcome(42 as never),
      () => store.listOutcomes({ types: 'resolved' as never }),
      () => store.listOutcomes({ from: fixtureDay + 0.5 }),
      () => store.getTrace(undefined as never),
      () => store.listTraces({ segment: { categroy: 'billing' } as never }),
      () => store.queryAggregates(null as never),
      () =>
        store.putArtifact(
          { ...artifactRecord('a'), kind: 'poem' as never },
          { expectedRevision: null },
        ),
      () => {
        const artifact = artifactRecord('a');
        const versions = [...artifact.versions, ...artifact.versions];
        return store.putArtifact({ ...artifact, versions }, { expectedRevision: null });
      },
      () => store.putProblem(problemRecord('p'), undefined as never),
      () => store.listArtifacts({ limit: '10' as never }),
      () => store.listProblems({ statuses: ['closed' as never] }),
    ];
    for (const call of calls) await expect(call()).rejects.toSatisfy(invalidInput);
    expect(await store.getOutcome('o1')).toBeUndefined();
    expect(await store.queryAggregates({})).toEqual([]);
    expect(await store.getArtifact('a')).toBeUndefined();
  });

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
