import { type Clock, parseInput } from '@guardloop/core';
import { z } from 'zod';
import { ArtifactNotFoundError } from '../errors/artifact-not-found-error';
import { ConcurrentUpdateError } from '../errors/concurrent-update-error';
import type { FeedbackStore } from '../store/feedback-store';
import type { Artifact } from './artifact-schemas';

const idSchema = z.string().min(1);

/** Reads artifacts and changes them with compare-and-set, retrying when another writer won. */
export function createArtifactAccess(store: FeedbackStore, clock: Clock, maxAttempts: number) {
  const load = async (artifactId: unknown, abortSignal?: AbortSignal): Promise<Artifact> => {
    const id = parseInput(idSchema, artifactId, 'artifact id');
    const artifact = await store.getArtifact(id, { abortSignal });
    if (!artifact) throw new ArtifactNotFoundError({ artifactId: id });
    return artifact;
  };

  const update = async <Result>(
    artifactId: string,
    change: (draft: Artifact) => Result,
    abortSignal?: AbortSignal,
  ): Promise<{ artifact: Artifact; result: Result }> => {
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const current = await load(artifactId, abortSignal);
      const draft = structuredClone(current);
      const result = change(draft);
      draft.revision = current.revision + 1;
      draft.updatedAt = clock.now();
      const written = await store.putArtifact(draft, {
        expectedRevision: current.revision,
        abortSignal,
      });
      if (written.ok) return { artifact: written.record, result };
    }
    throw new ConcurrentUpdateError({ record: `artifact '${artifactId}'`, attempts: maxAttempts });
  };

  return { load, update };
}
