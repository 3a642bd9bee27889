import { readAllPages } from '@guardloop/feedback';
import {
  artifactRecord,
  commitEvent,
  commitFor,
  fixtureDay,
  outcomeEvent,
} from '@guardloop/feedback/test';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../test-support/test-databases';
import { createPostgresFeedbackStore } from './postgres-feedback-store';

const database = useTestDatabase('pglite', 'feedback_rows');

async function setup() {
  const client = await database.client();
  const schema = await database.newSchema();
  return { client, schema, store: createPostgresFeedbackStore({ client, schema }) };
}

describe('createPostgresFeedbackStore', () => {
  it('keeps artifact versions as rows, in order, updated and dropped with the artifact', async () => {
    const { client, schema, store } = await setup();
    const first = artifactRecord('m1');
    const [authored] = first.versions;
    if (!authored) throw new Error('fixture without a version');
    const proposed = { ...authored, version: 2, content: 'Hi!', status: 'proposed' as const };
    const second = { ...first, revision: 2, versions: [proposed, authored] };
    await store.putArtifact(first, { expectedRevision: null });
    expect((await store.putArtifact(second, { expectedRevision: 1 })).ok).toBe(true);
    expect(await store.getArtifact('m1')).toEqual(second);
    const rows = async () =>
      (
        await client.query<{ version: number; status: string }>(
          `SELECT version, status FROM "${schema}".guardloop_feedback_artifact_versions ORDER BY version`,
        )
      ).rows;
    expect(await rows()).toEqual([
      { version: 1, status: 'active' },
      { version: 2, status: 'proposed' },
    ]);
    const third = {
      ...second,
      revision: 3,
      versions: [{ ...proposed, status: 'active' as const }],
    };
    await store.putArtifact(third, { expectedRevision: 2 });
    expect(await rows()).toEqual([{ version: 2, status: 'active' }]);
    expect(await store.getArtifact('m1')).toEqual(third);
  });

  it('adds deltas for one bucket given twice in one commit, and across commits', async () => {
    const { store } = await setup();
    const bucket = { day: fixtureDay, category: 'billing', channel: 'email', queue: 'tier-1' };
    const commit = commitFor(undefined, outcomeEvent({ id: 'o1', traceId: 't1' }));
    await store.commitOutcome({
      ...commit,
      aggregateDeltas: [
        { ...bucket, counters: { traces: 1, csatScoreSum: 4 } },
        { ...bucket, counters: { csatScoreSum: 3, macroUses: 2 } },
      ],
    });
    const next = commitFor(await store.getTrace('t1'), outcomeEvent({ id: 'o2', traceId: 't1' }));
    await store.commitOutcome({
      ...next,
      aggregateDeltas: [{ ...bucket, counters: { macroUses: -1 } }],
    });
    const [row] = await store.queryAggregates({});
    expect(row?.counters).toMatchObject({ traces: 1, csatScoreSum: 7, macroUses: 1 });
  });

  it('lists artifact ids in code-point order, as the memory store sorts them', async () => {
    const { store } = await setup();
    for (const id of ['b', 'B', 'a', 'Z', 'é']) {
      await store.putArtifact(artifactRecord(id), { expectedRevision: null });
    }
    const all = await readAllPages((cursor) =>
      store.listArtifacts({ limit: 2, ...(cursor === undefined ? {} : { cursor }) }),
    );
    expect(all.map((artifact) => artifact.id)).toEqual(['B', 'Z', 'a', 'b', 'é']);
  });

  it('keeps the data of different schemas apart', async () => {
    const first = await setup();
    const second = await setup();
    await commitEvent(first.store, outcomeEvent({ id: 'o1', traceId: 't1' }));
    expect(await second.store.getOutcome('o1')).toBeUndefined();
    expect(
      (await commitEvent(second.store, outcomeEvent({ id: 'o1', traceId: 't1' }))).status,
    ).toBe('recorded');
  });
});
