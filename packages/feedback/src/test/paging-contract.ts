import { GuardloopError } from '@guardloop/core';
import { expect, it } from 'vitest';
import {
  artifactRecord,
  type CreateStore,
  commitEvent,
  fixtureDay,
  outcomeEvent,
  problemRecord,
} from './contract-fixtures';
import { seed } from './contract-seed';

const invalidInput = (error: unknown) => GuardloopError.hasCode(error, 'invalid_input');
const ids = (page: { items: Array<{ id: string }> }) => page.items.map((item) => item.id);

/** Keyset pages, and cursors that only fit the query they came from. */
export function pagingContract(createStore: CreateStore): void {
  it('pages by key: rows written between pages neither repeat nor shift the pages', async () => {
    const store = await createStore();
    for (const id of ['b', 'd', 'f']) {
      await store.putArtifact(artifactRecord(id), { expectedRevision: null });
      await store.putProblem(problemRecord(id, { lastSeenAt: fixtureDay }), {
        expectedRevision: null,
      });
      await commitEvent(store, outcomeEvent({ id, traceId: `t-${id}` }));
    }
    const artifacts = await store.listArtifacts({ limit: 2 });
    const problems = await store.listProblems({ limit: 2 });
    const traces = await store.listTraces({ limit: 2 });
    expect(ids(problems)).toEqual(['b', 'd']);
    for (const id of ['a', 'c', 'e']) {
      await store.putArtifact(artifactRecord(id), { expectedRevision: null });
      await store.putProblem(problemRecord(id, { lastSeenAt: fixtureDay }), {
        expectedRevision: null,
      });
      await commitEvent(store, outcomeEvent({ id, traceId: `t-${id}` }));
    }
    const rest = async <Page>(read: (cursor: string) => Promise<Page>, cursor?: string) => {
      if (cursor === undefined) throw new Error('expected a next page');
      return read(cursor);
    };
    expect(
      ids(await rest((cursor) => store.listArtifacts({ cursor }), artifacts.nextCursor)),
    ).toEqual(['e', 'f']);
    expect(
      ids(await rest((cursor) => store.listProblems({ cursor }), problems.nextCursor)),
    ).toEqual(['e', 'f']);
    const laterTraces = await rest((cursor) => store.listTraces({ cursor }), traces.nextCursor);
    expect(laterTraces.items.map((trace) => trace.traceId)).toEqual(['t-f', 't-a', 't-c', 't-e']);
  });

  it('rejects a cursor used with other filters than the query it came from', async () => {
    const store = await createStore();
    await seed(store);
    for (const id of ['a', 'b', 'c']) {
      await store.putArtifact(artifactRecord(id, { kind: 'prompt' }), { expectedRevision: null });
      await store.putProblem(problemRecord(id), { expectedRevision: null });
    }
    const outcomes = await store.listOutcomes({ traceId: 'ta', limit: 1 });
    const traces = await store.listTraces({ segment: { category: 'billing' }, limit: 1 });
    const artifacts = await store.listArtifacts({ kind: 'prompt', limit: 1 });
    const problems = await store.listProblems({ statuses: ['candidate'], limit: 1 });
    const cursor = (page: { nextCursor?: string }) => {
      if (page.nextCursor === undefined) throw new Error('expected a next page');
      return page.nextCursor;
    };
    const misused: Array<() => Promise<unknown>> = [
      () => store.listOutcomes({ traceId: 'tb', cursor: cursor(outcomes) }),
      () => store.listOutcomes({ cursor: cursor(outcomes) }),
      () => store.listTraces({ segment: { category: 'tech' }, cursor: cursor(traces) }),
      () => store.listArtifacts({ kind: 'macro', cursor: cursor(artifacts) }),
      () => store.listProblems({ cursor: cursor(problems) }),
      // A cursor of one listing is not one of another.
      () => store.listTraces({ cursor: cursor(outcomes) }),
      () => store.listProblems({ cursor: cursor(artifacts) }),
    ];
    for (const call of misused) await expect(call()).rejects.toSatisfy(invalidInput);
    // The same filters with another page size are the same query.
    const next = await store.listOutcomes({ traceId: 'ta', limit: 5, cursor: cursor(outcomes) });
    expect(ids(next)).toEqual(['a2', 'a3']);
    await expect(
      store.listArtifacts({ kind: 'prompt', cursor: cursor(artifacts) }),
    ).resolves.toMatchObject({ items: [{ id: 'b' }, { id: 'c' }] });
  });

  it('rejects cursors it did not issue', async () => {
    const store = await createStore();
    for (const call of [
      store.listOutcomes({ cursor: 'nope' }),
      store.listOutcomes({ cursor: '3' }),
      store.listTraces({ cursor: '-1' }),
      store.listArtifacts({ cursor: '1.5' }),
      store.listProblems({ cursor: Buffer.from('["x"]').toString('base64url') }),
      store.listProblems({ cursor: 'ünïcode' }),
    ]) {
      await expect(call).rejects.toSatisfy(invalidInput);
    }
  });
}
