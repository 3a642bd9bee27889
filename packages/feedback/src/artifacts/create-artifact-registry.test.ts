import { createManualClock, createSequentialIdGenerator, GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import type { FeedbackStore } from '../store/feedback-store';
import { createMemoryFeedbackStore } from '../store/memory-feedback-store';
import { createArtifactRegistry } from './create-artifact-registry';

function setup(store: FeedbackStore = createMemoryFeedbackStore()) {
  const clock = createManualClock(Date.UTC(2026, 0, 5));
  const registry = createArtifactRegistry({
    store,
    clock,
    idGenerator: createSequentialIdGenerator('artifact'),
  });
  return { registry, store, clock };
}

const code = (expected: string) => (error: unknown) => GuardloopError.hasCode(error, expected);

describe('createArtifactRegistry', () => {
  it('creates version 1 active and keeps proposals pending until approved', async () => {
    const { registry } = setup();
    const created = await registry.create({
      kind: 'macro',
      name: 'Reset',
      content: 'v1',
      by: 'ana',
    });
    expect(created).toMatchObject({ id: 'artifact-1', activeVersion: 1, revision: 1 });
    const proposal = await registry.propose(created.id, {
      content: 'v2',
      rationale: 'clearer',
      by: 'bo',
    });
    expect(proposal).toMatchObject({
      version: 2,
      status: 'proposed',
      origin: 'authored',
      rationale: 'clearer',
    });
    expect((await registry.getActive(created.id)).content).toBe('v1');
    const approved = await registry.approve(created.id, 2, { by: 'lead', note: 'ok' });
    expect(approved.activeVersion).toBe(2);
    expect(approved.versions.map((version) => version.status)).toEqual(['superseded', 'active']);
    expect((await registry.getActive(created.id)).content).toBe('v2');
  });

  it('returns the pending proposal instead of duplicating identical content', async () => {
    const { registry } = setup();
    const { id } = await registry.create({
      id: 'm1',
      kind: 'macro',
      name: 'M',
      content: 'v1',
      by: 'ana',
    });
    const first = await registry.propose(id, { content: 'v2', by: 'bo' });
    const again = await registry.propose(id, { content: 'v2', by: 'cy' });
    expect(again.version).toBe(first.version);
    expect((await registry.get(id)).versions).toHaveLength(2);
  });

  it('promotes after passing the review threshold and rejects below it', async () => {
    const { registry } = setup();
    const { id } = await registry.create({ kind: 'prompt', name: 'P', content: 'v1', by: 'ana' });
    await registry.propose(id, { content: 'v2', by: 'bo' });
    await registry.propose(id, { content: 'v3', by: 'bo' });
    let artifact = await registry.review(id, 2, { by: 'r1', score: 0.9 });
    expect(artifact.activeVersion).toBe(1);
    await registry.review(id, 2, { by: 'r1', score: 0.7 }); // replaces r1's review
    artifact = await registry.review(id, 2, { by: 'r2', score: 1 });
    expect(artifact.activeVersion).toBe(2);
    await registry.review(id, 3, { by: 'r1', score: 0.2 });
    artifact = await registry.review(id, 3, { by: 'r2', score: 0.5 });
    expect(artifact.versions.find((version) => version.version === 3)?.status).toBe('rejected');
    expect(artifact.history.map((entry) => entry.action)).toEqual([
      'created',
      'proposed',
      'proposed',
      'reviewed',
      'reviewed',
      'reviewed',
      'activated',
      'reviewed',
      'reviewed',
      'rejected',
    ]);
  });

  it('rolls back to the previously active version, keeping every version', async () => {
    const { registry } = setup();
    const { id } = await registry.create({ kind: 'article', name: 'A', content: 'v1', by: 'ana' });
    for (const content of ['v2', 'v3']) {
      const { version } = await registry.propose(id, { content, by: 'bo' });
      await registry.approve(id, version, { by: 'lead' });
    }
    let artifact = await registry.rollback(id, { by: 'lead', reason: 'v3 confused readers' });
    expect(artifact.activeVersion).toBe(2);
    artifact = await registry.rollback(id, { by: 'lead', toVersion: 1 });
    expect(artifact.activeVersion).toBe(1);
    expect(artifact.versions.map((version) => version.content)).toEqual(['v1', 'v2', 'v3']);
    expect(artifact.history.at(-1)).toMatchObject({
      action: 'rolled_back',
      version: 1,
      by: 'lead',
    });
  });

  it('refuses invalid moves with typed errors', async () => {
    const { registry } = setup();
    const { id } = await registry.create({ kind: 'macro', name: 'M', content: 'v1', by: 'ana' });
    await expect(registry.rollback(id, { by: 'x' })).rejects.toSatisfy(
      code('invalid_artifact_transition'),
    );
    await registry.propose(id, { content: 'v2', by: 'bo' });
    await registry.reject(id, 2, { by: 'lead', reason: 'tone' });
    await expect(registry.approve(id, 2, { by: 'lead' })).rejects.toSatisfy(
      code('invalid_artifact_transition'),
    );
    await expect(registry.review(id, 2, { by: 'r', score: 1 })).rejects.toSatisfy(
      code('invalid_artifact_transition'),
    );
    await expect(registry.rollback(id, { by: 'x', toVersion: 2 })).rejects.toSatisfy(
      code('invalid_artifact_transition'),
    );
    await expect(registry.approve(id, 9, { by: 'lead' })).rejects.toSatisfy(
      code('artifact_not_found'),
    );
    await expect(registry.get('missing')).rejects.toSatisfy(code('artifact_not_found'));
    await expect(registry.propose('missing', { content: 'x', by: 'a' })).rejects.toSatisfy(
      code('artifact_not_found'),
    );
    await expect(
      registry.create({ id, kind: 'macro', name: 'M', content: 'v1', by: 'ana' }),
    ).rejects.toSatisfy(code('invalid_input'));
  });

  it('rejects bad input at every entry point', async () => {
    const { registry, store } = setup();
    const { id } = await registry.create({ kind: 'macro', name: 'M', content: 'v1', by: 'ana' });
    const invalid = code('invalid_input');
    await expect(
      registry.create({ kind: 'email', name: 'M', content: '', by: 'a' } as never),
    ).rejects.toSatisfy(invalid);
    await expect(registry.propose(id, { content: 'x' } as never)).rejects.toSatisfy(invalid);
    await expect(registry.approve(id, 0, { by: 'a' })).rejects.toSatisfy(invalid);
    await expect(registry.reject(id, 1, { by: 'a' } as never)).rejects.toSatisfy(invalid);
    await expect(registry.review(id, 1, { by: 'a', score: 2 })).rejects.toSatisfy(invalid);
    await expect(registry.rollback(id, { by: '' })).rejects.toSatisfy(invalid);
    await expect(registry.get('')).rejects.toSatisfy(invalid);
    await expect(registry.proposeFromOutcomes({ range: { from: 5, to: 1 } })).rejects.toSatisfy(
      invalid,
    );
    // An abortSignal that is not one was ignored: the run could not be cancelled.
    await expect(
      registry.proposeFromOutcomes({ abortSignal: { aborted: true } } as never),
    ).rejects.toSatisfy(invalid);
    for (const options of [
      {},
      { store, review: { minScore: 3 } },
      { store, thresholds: { minClusterSize: 0 } },
      { store, thresholds: { nope: 1 } },
    ]) {
      expect(() => createArtifactRegistry(options as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
  });

  it('retries compare-and-set conflicts and rejects with the abort reason', async () => {
    const inner = createMemoryFeedbackStore();
    let conflicts = 1;
    const flaky: FeedbackStore = {
      ...inner,
      putArtifact: async (artifact, options) =>
        options.expectedRevision !== null && conflicts-- > 0
          ? { ok: false }
          : inner.putArtifact(artifact, options),
    };
    const { registry } = setup(flaky);
    const { id } = await registry.create({ kind: 'macro', name: 'M', content: 'v1', by: 'ana' });
    await expect(registry.propose(id, { content: 'v2', by: 'bo' })).resolves.toMatchObject({
      version: 2,
    });
    const stuck = setup({ ...inner, putArtifact: async () => ({ ok: false }) }).registry;
    await expect(stuck.approve(id, 2, { by: 'lead' })).rejects.toSatisfy(code('concurrent_update'));
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(registry.get(id, { abortSignal: controller.signal })).rejects.toThrow('stop');
    await expect(
      registry.approve(id, 2, { by: 'lead', abortSignal: controller.signal }),
    ).rejects.toThrow('stop');
    await expect(registry.proposeFromOutcomes({ abortSignal: controller.signal })).rejects.toThrow(
      'stop',
    );
  });

  it('lists artifacts by kind', async () => {
    const { registry } = setup();
    await registry.create({ id: 'b', kind: 'macro', name: 'M', content: '', by: 'ana' });
    await registry.create({
      id: 'a',
      kind: 'prompt',
      name: 'P',
      content: '',
      scope: { category: 'billing' },
      by: 'ana',
    });
    expect((await registry.list()).items.map((artifact) => artifact.id)).toEqual(['a', 'b']);
    expect(
      (await registry.list({ kind: 'prompt', category: 'billing' })).items.map(
        (artifact) => artifact.id,
      ),
    ).toEqual(['a']);
  });
});
