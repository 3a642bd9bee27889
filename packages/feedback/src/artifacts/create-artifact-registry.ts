import { InvalidInputError, parseInput, randomIdGenerator, systemClock } from '@guardloop/core';
import { abortOptionsSchema } from '@guardloop/core/internal';
import { ArtifactNotFoundError } from '../errors/artifact-not-found-error';
import { createArtifactAccess } from './artifact-access';
import {
  createArtifactSchema,
  decideSchema,
  proposeSchema,
  registryOptionsSchema,
  registrySettings,
  rejectSchema,
  reviewSchema,
  rollbackSchema,
  versionSchema,
} from './artifact-registry-schemas';
import type { ArtifactRegistry, ArtifactRegistryOptions } from './artifact-registry-types';
import type { Artifact } from './artifact-schemas';
import {
  approveVersion,
  type Proposal,
  proposeVersion,
  rejectVersion,
  rollbackVersion,
} from './artifact-transitions';
import { newArtifact } from './new-artifact';
import { reviewVersion } from './review-version';
import { runProposals } from './run-proposals';

const abortOf = (options: unknown) =>
  parseInput(abortOptionsSchema, options, 'options')?.abortSignal;

/** Versioned prompts, macros and knowledge articles, improved from outcomes under human control. */
export function createArtifactRegistry(options: ArtifactRegistryOptions): ArtifactRegistry {
  const config = parseInput(registryOptionsSchema, options, 'artifact registry options');
  const { store, clock = systemClock, idGenerator = randomIdGenerator, maxAttempts = 8 } = config;
  const { load, update } = createArtifactAccess(store, clock, maxAttempts);
  const { review, thresholds } = registrySettings(config);

  const actor = (by: string, note?: string) => ({ by, at: clock.now(), note });
  /** Validates the version number, applies `change` with compare-and-set, returns the artifact. */
  const change = async (
    artifactId: string,
    version: unknown,
    options: unknown,
    apply: (draft: Artifact, number: number) => void,
  ) => {
    const number = parseInput(versionSchema, version, 'version');
    return (await update(artifactId, (draft) => apply(draft, number), abortOf(options))).artifact;
  };
  const save = async (
    artifactId: string,
    proposal: Proposal,
    by: string,
    abortSignal?: AbortSignal,
  ) =>
    (await update(artifactId, (draft) => proposeVersion(draft, proposal, actor(by)), abortSignal))
      .result;

  return {
    async create(input, createOptions) {
      const abortSignal = abortOf(createOptions);
      const {
        id = idGenerator(),
        scope = {},
        ...rest
      } = parseInput(createArtifactSchema, input, 'artifact');
      const written = await store.putArtifact(newArtifact({ id, scope, ...rest }, clock.now()), {
        expectedRevision: null,
        abortSignal,
      });
      if (written.ok) return written.record;
      const issue = { path: 'id', message: `Artifact '${id}' already exists` };
      throw new InvalidInputError({ subject: 'artifact', issues: [issue] });
    },
    async propose(artifactId, input, proposeOptions) {
      const { content, rationale, evidence, by } = parseInput(proposeSchema, input, 'proposal');
      const proposal: Proposal = {
        content,
        origin: 'authored',
        ...(rationale ? { rationale } : {}),
        evidence,
      };
      return save(artifactId, proposal, by, abortOf(proposeOptions));
    },
    async approve(artifactId, version, decision) {
      const { by, note } = parseInput(decideSchema, decision, 'approval');
      return change(artifactId, version, decision, (draft, number) =>
        approveVersion(draft, number, actor(by, note)),
      );
    },
    async reject(artifactId, version, decision) {
      const { by, reason } = parseInput(rejectSchema, decision, 'rejection');
      return change(artifactId, version, decision, (draft, number) =>
        rejectVersion(draft, number, actor(by, reason)),
      );
    },
    async review(artifactId, version, input) {
      const { by, score, note } = parseInput(reviewSchema, input, 'review');
      return change(artifactId, version, input, (draft, number) =>
        reviewVersion(draft, number, { ...actor(by, note), score }, review),
      );
    },
    async rollback(artifactId, request) {
      const { by, toVersion, reason } = parseInput(rollbackSchema, request, 'rollback');
      const apply = (draft: Artifact) => rollbackVersion(draft, toVersion, actor(by, reason));
      return (await update(artifactId, apply, abortOf(request))).artifact;
    },
    get: async (artifactId, getOptions) => load(artifactId, abortOf(getOptions)),
    async getActive(artifactId, getOptions) {
      const artifact = await load(artifactId, abortOf(getOptions));
      const active = artifact.versions.find(
        (version) => version.version === artifact.activeVersion,
      );
      if (active) return active;
      throw new ArtifactNotFoundError({
        artifactId: artifact.id,
        version: artifact.activeVersion ?? 0,
      });
    },
    list: async (query = {}, listOptions) =>
      store.listArtifacts(query, { abortSignal: abortOf(listOptions) }),
    proposeFromOutcomes: async (runOptions) =>
      runProposals({ store, save, thresholds, author: config.author, options: runOptions }),
  };
}
