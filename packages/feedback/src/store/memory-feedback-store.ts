import { throwIfAborted } from '@guardloop/core';
import type { Artifact } from '../artifacts/artifact-schemas';
import type { Problem } from '../problems/problem-schemas';
import type { FeedbackStore } from './feedback-store';
import {
  type FeedbackStoreArgumentKind,
  parseFeedbackStoreArgument,
} from './feedback-store-arguments';
import { createMemoryDocumentTable } from './memory-document-table';
import { createMemoryOutcomeTable } from './memory-outcome-table';
import { keysetPageFrom } from './page';

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A `FeedbackStore` kept in process memory: for tests, simulations and single-process hosts.
 * Records are copied in and out, as a database would. Arguments are validated as every store
 * validates them (`parseFeedbackStoreArgument`). Operations never wait, so an abort is honoured
 * when it happened before the call.
 */
export function createMemoryFeedbackStore(): FeedbackStore {
  const outcomes = createMemoryOutcomeTable();
  const artifacts = createMemoryDocumentTable<Artifact>();
  const problems = createMemoryDocumentTable<Problem>();

  const signalOf = (options: unknown, method: string) =>
    parseFeedbackStoreArgument('storeOptions', options, method)?.abortSignal;
  // Arguments first, then the abort, as the PostgreSQL store checks them.
  const begin = <Kind extends FeedbackStoreArgumentKind>(
    kind: Kind,
    input: unknown,
    options: unknown,
    method: string,
  ) => {
    const valid = parseFeedbackStoreArgument(kind, input, method);
    throwIfAborted(signalOf(options, method));
    return valid;
  };
  const beginWrite = <Kind extends 'artifact' | 'problem'>(
    kind: Kind,
    input: unknown,
    options: unknown,
    method: string,
  ) => {
    const valid = parseFeedbackStoreArgument(kind, input, method);
    const { expectedRevision, abortSignal } = parseFeedbackStoreArgument(
      'writeOptions',
      options,
      method,
    );
    throwIfAborted(abortSignal);
    return { valid, expectedRevision };
  };

  return {
    async commitOutcome(commit, options) {
      return outcomes.commit(begin('commit', commit, options, 'commitOutcome'));
    },
    async getOutcome(id, options) {
      return outcomes.getOutcome(begin('id', id, options, 'getOutcome'));
    },
    async listOutcomes(query, options) {
      return outcomes.listOutcomes(begin('outcomeQuery', query, options, 'listOutcomes'));
    },
    async getTrace(traceId, options) {
      return outcomes.getTrace(begin('id', traceId, options, 'getTrace'));
    },
    async listTraces(query, options) {
      return outcomes.listTraces(begin('traceQuery', query, options, 'listTraces'));
    },
    async queryAggregates(query, options) {
      return outcomes.queryAggregates(begin('aggregateQuery', query, options, 'queryAggregates'));
    },
    async getArtifact(id, options) {
      return artifacts.get(begin('id', id, options, 'getArtifact'));
    },
    async putArtifact(artifact, options) {
      const { valid, expectedRevision } = beginWrite('artifact', artifact, options, 'putArtifact');
      return artifacts.put(valid, expectedRevision);
    },
    async listArtifacts(input, options) {
      const query = begin('artifactQuery', input, options, 'listArtifacts');
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
      return problems.get(begin('id', id, options, 'getProblem'));
    },
    async putProblem(problem, options) {
      const { valid, expectedRevision } = beginWrite('problem', problem, options, 'putProblem');
      return problems.put(valid, expectedRevision);
    },
    async listProblems(input, options) {
      const query = begin('problemQuery', input, options, 'listProblems');
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
