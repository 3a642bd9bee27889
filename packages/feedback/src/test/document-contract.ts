import { expect, it } from 'vitest';
import { artifactSchema } from '../artifacts/artifact-schemas';
import { problemSchema } from '../problems/problem-schemas';
import { artifactRecord, type CreateStore, fixtureDay, problemRecord } from './contract-fixtures';

/** Artifacts and problems: compare-and-set writes and filtered, ordered listings. */
export function documentContract(createStore: CreateStore): void {
  it('creates and updates artifacts with compare-and-set', async () => {
    const store = await createStore();
    const artifact = artifactRecord('m1');
    expect(await store.putArtifact(artifact, { expectedRevision: null })).toEqual({
      ok: true,
      record: artifact,
    });
    expect(artifactSchema.parse(await store.getArtifact('m1'))).toEqual(artifact);
    const again = await store.putArtifact(artifact, { expectedRevision: null });
    expect(again).toEqual({ ok: false, current: artifact });
    const next = { ...artifact, name: 'Renamed', revision: 2 };
    expect((await store.putArtifact(next, { expectedRevision: 1 })).ok).toBe(true);
    expect((await store.putArtifact({ ...next, revision: 3 }, { expectedRevision: 1 })).ok).toBe(
      false,
    );
    expect((await store.putArtifact(artifactRecord('m2'), { expectedRevision: 4 })).ok).toBe(false);
    expect(await store.getArtifact('m1')).toEqual(next);
    expect(await store.getArtifact('m2')).toBeUndefined();
  });

  it('lists artifacts by id with kind and category filters and paging', async () => {
    const store = await createStore();
    for (const artifact of [
      artifactRecord('c'),
      artifactRecord('a', { kind: 'prompt', scope: { category: 'billing' } }),
      artifactRecord('b', { kind: 'article' }),
      artifactRecord('d', { kind: 'prompt', scope: { category: 'tech' } }),
    ]) {
      await store.putArtifact(artifact, { expectedRevision: null });
    }
    const ids = async (query: Parameters<typeof store.listArtifacts>[0]) =>
      (await store.listArtifacts(query)).items.map((artifact) => artifact.id);
    expect(await ids({})).toEqual(['a', 'b', 'c', 'd']);
    expect(await ids({ kind: 'prompt' })).toEqual(['a', 'd']);
    expect(await ids({ kind: 'prompt', category: 'tech' })).toEqual(['d']);
    const first = await store.listArtifacts({ limit: 3 });
    expect(first.items.map((artifact) => artifact.id)).toEqual(['a', 'b', 'c']);
    const rest = await store.listArtifacts({
      limit: 3,
      ...(first.nextCursor ? { cursor: first.nextCursor } : {}),
    });
    expect(rest.items.map((artifact) => artifact.id)).toEqual(['d']);
    expect(rest.nextCursor).toBeUndefined();
  });

  it('creates and updates problems with compare-and-set', async () => {
    const store = await createStore();
    const problem = problemRecord('p1');
    expect(await store.putProblem(problem, { expectedRevision: null })).toEqual({
      ok: true,
      record: problem,
    });
    expect(problemSchema.parse(await store.getProblem('p1'))).toEqual(problem);
    expect((await store.putProblem(problem, { expectedRevision: null })).ok).toBe(false);
    const next = { ...problem, status: 'open' as const, revision: 2 };
    expect((await store.putProblem(next, { expectedRevision: 1 })).ok).toBe(true);
    expect((await store.putProblem(next, { expectedRevision: 1 })).ok).toBe(false);
    expect(await store.getProblem('p1')).toEqual(next);
    expect(await store.getProblem('missing')).toBeUndefined();
  });

  it('lists problems by last seen, newest first, with every filter', async () => {
    const store = await createStore();
    for (const problem of [
      problemRecord('p1', { lastSeenAt: fixtureDay + 10 }),
      problemRecord('p2', {
        lastSeenAt: fixtureDay + 30,
        status: 'open',
        fingerprints: ['fp-2', 'fp-3'],
      }),
      problemRecord('p3', { lastSeenAt: fixtureDay + 20, status: 'resolved', category: 'tech' }),
    ]) {
      await store.putProblem(problem, { expectedRevision: null });
    }
    const ids = async (query: Parameters<typeof store.listProblems>[0]) =>
      (await store.listProblems(query)).items.map((problem) => problem.id);
    expect(await ids({})).toEqual(['p2', 'p3', 'p1']);
    expect(await ids({ statuses: ['candidate', 'open'] })).toEqual(['p2', 'p1']);
    expect(await ids({ fingerprint: 'fp-3' })).toEqual(['p2']);
    expect(await ids({ category: 'tech' })).toEqual(['p3']);
    expect(await ids({ lastSeenAfter: fixtureDay + 10 })).toEqual(['p2', 'p3']);
    expect(await ids({ limit: 1 })).toEqual(['p2']);
  });
}
