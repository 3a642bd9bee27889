import { throwIfAborted } from '@guardloop/core';
import type { Artifact } from '../artifacts/artifact-schemas';
import type { Problem } from '../problems/problem-schemas';
import type { FeedbackStore } from './feedback-store';
import { createMemoryDocumentTable } from './memory-document-table';
import { createMemoryOutcomeTable } from './memory-outcome-table';
import { pageFrom } from './page';

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A `FeedbackStore` kept in process memory: for tests, simulations and single-process hosts.
 * Records are copied in and out, as a database would. Operations never wait, so an abort is
 * honoured when it happened before the call.
 */
export function createMemoryFeedbackStore(): FeedbackStore {
  const outcomes = createMemoryOutcomeTable();
  const artifacts = createMemoryDocumentTable<Artifact>();
  const problems = createMemoryDocumentTable<Problem>();

  return {
    async commitOutcome(commit, options) {
      throwIfAborted(options?.abortSignal);
      return outcomes.commit(commit);
    },
    async getOutcome(id, options) {
      throwIfAborted(options?.abortSignal);
      return outcomes.getOutcome(id);
    },
    async listOutcomes(query, options) {
      throwIfAborted(options?.abortSignal);
      return outcomes.listOutcomes(query);
    },
    async getTrace(traceId, options) {
      throwIfAborted(options?.abortSignal);
      return outcomes.getTrace(traceId);
    },
    async listTraces(query, options) {
      throwIfAborted(options?.abortSignal);
      return outcomes.listTraces(query);
    },
    async queryAggregates(query, options) {
      throwIfAborted(options?.abortSignal);
      return outcomes.queryAggregates(query);
    },
    async getArtifact(id, options) {
      throwIfAborted(options?.abortSignal);
      return artifacts.get(id);
    },
    async putArtifact(artifact, options) {
      throwIfAborted(options.abortSignal);
      return artifacts.put(artifact, options.expectedRevision);
    },
    async listArtifacts(query, options) {
      throwIfAborted(options?.abortSignal);
      const matching = artifacts.filter(
        (artifact) =>
          (query.kind === undefined || artifact.kind === query.kind) &&
          (query.category === undefined || artifact.scope.category === query.category),
        byId,
      );
      return pageFrom(matching, query);
    },
    async getProblem(id, options) {
      throwIfAborted(options?.abortSignal);
      return problems.get(id);
    },
    async putProblem(problem, options) {
      throwIfAborted(options.abortSignal);
      return problems.put(problem, options.expectedRevision);
    },
    async listProblems(query, options) {
      throwIfAborted(options?.abortSignal);
      const matching = problems.filter(
        (problem) =>
          (query.statuses === undefined || query.statuses.includes(problem.status)) &&
          (query.fingerprint === undefined || problem.fingerprints.includes(query.fingerprint)) &&
          (query.category === undefined || problem.category === query.category) &&
          (query.lastSeenAfter === undefined || problem.lastSeenAt > query.lastSeenAfter),
        (a, b) => b.lastSeenAt - a.lastSeenAt || byId(a, b),
      );
      return pageFrom(matching, query);
    },
  };
}
