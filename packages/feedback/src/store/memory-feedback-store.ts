import { throwIfAborted } from '@guardloop/core/internal';
import type { Artifact } from '../artifacts/artifact-schemas';
import type { Problem } from '../problems/problem-schemas';
import type { FeedbackStore } from './feedback-store';
import { type FeedbackStoreMethod, parseFeedbackStoreArguments } from './feedback-store-arguments';
import { createMemoryDocumentTable } from './memory-document-table';
import { createMemoryOutcomeTable } from './memory-outcome-table';
import { keysetPageFrom } from './page';

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A `FeedbackStore` kept in process memory: for tests, simulations and single-process hosts.
 * Records are copied in and out, as a database would. Arguments are validated as every store
 * validates them (`parseFeedbackStoreArguments`). Operations never wait, so an abort is honoured
 * when it happened before the call.
 */
export function createMemoryFeedbackStore(): FeedbackStore {
  const outcomes = createMemoryOutcomeTable();
  const artifacts = createMemoryDocumentTable<Artifact>();
  const problems = createMemoryDocumentTable<Problem>();

  // Arguments first, then the abort, as the PostgreSQL store checks them.
  const begin = <Method extends FeedbackStoreMethod>(method: Method, args: readonly unknown[]) => {
    const valid = parseFeedbackStoreArguments(method, args);
    throwIfAborted(valid[1]?.abortSignal);
    return valid;
  };

  return {
    async commitOutcome(commit, options) {
      return outcomes.commit(begin('commitOutcome', [commit, options])[0]);
    },
    async commitOutcomes(commits, options) {
      return outcomes.commitMany(begin('commitOutcomes', [commits, options])[0]);
    },
    async getOutcome(id, options) {
      return outcomes.getOutcome(begin('getOutcome', [id, options])[0]);
    },
    async listOutcomes(query, options) {
      return outcomes.listOutcomes(begin('listOutcomes', [query, options])[0]);
    },
    async getTrace(traceId, options) {
      return outcomes.getTrace(begin('getTrace', [traceId, options])[0]);
    },
    async getTraces(traceIds, options) {
      return begin('getTraces', [traceIds, options])[0].map((traceId) =>
        outcomes.getTrace(traceId),
      );
    },
    async listTraces(query, options) {
      return outcomes.listTraces(begin('listTraces', [query, options])[0]);
    },
    async queryAggregates(query, options) {
      return outcomes.queryAggregates(begin('queryAggregates', [query, options])[0]);
    },
    async getArtifact(id, options) {
      return artifacts.get(begin('getArtifact', [id, options])[0]);
    },
    async putArtifact(artifact, options) {
      const [valid, { expectedRevision }] = begin('putArtifact', [artifact, options]);
      return artifacts.put(valid, expectedRevision);
    },
    async listArtifacts(input, options) {
      const [query] = begin('listArtifacts', [input, options]);
      const matching = artifacts.filter(
        (artifact) =>
          (query.kind === undefined || artifact.kind === query.kind) &&
          (query.category === undefined || artifact.scope.category === query.category),
        byId,
      );
      return keysetPageFrom(
        'artifacts',
        matching,
        query,
        (artifact) => [artifact.id],
        (artifact, [id]) => artifact.id > id,
      );
    },
    async getProblem(id, options) {
      return problems.get(begin('getProblem', [id, options])[0]);
    },
    async putProblem(problem, options) {
      const [valid, { expectedRevision }] = begin('putProblem', [problem, options]);
      return problems.put(valid, expectedRevision);
    },
    async listProblems(input, options) {
      const [query] = begin('listProblems', [input, options]);
      const matching = problems.filter(
        (problem) =>
          (query.statuses === undefined || query.statuses.includes(problem.status)) &&
          (query.fingerprint === undefined || problem.fingerprints.includes(query.fingerprint)) &&
          (query.category === undefined || problem.category === query.category) &&
          (query.lastSeenAfter === undefined || problem.lastSeenAt > query.lastSeenAfter),
        (a, b) => b.lastSeenAt - a.lastSeenAt || byId(a, b),
      );
      return keysetPageFrom(
        'problems',
        matching,
        query,
        (problem) => [problem.lastSeenAt, problem.id],
        (problem, [seen, id]) =>
          problem.lastSeenAt < seen || (problem.lastSeenAt === seen && problem.id > id),
      );
    },
  };
}
