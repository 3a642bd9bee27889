import { raceAbort, throwIfAborted } from '@guardloop/core/internal';
import {
  type FeedbackCommitResult,
  type FeedbackStore,
  type FeedbackStoreMethod,
  parseFeedbackStoreArguments,
} from '@guardloop/feedback';
import { parseStoreOptions } from '../client/parse-sql-client';
import type { SqlClient } from '../client/sql-client';
import { parseDatabaseSchema } from '../schema/database-schema';
import { aggregateBuckets } from './aggregate-buckets';
import { artifactDocuments } from './artifact-documents';
import { outcomeCommits } from './commit-outcome';
import { feedbackTables } from './feedback-tables';
import { outcomeLog } from './outcome-log';
import { problemDocuments } from './problem-documents';
import { traceStates } from './trace-states';

export interface PostgresFeedbackStoreOptions {
  client: SqlClient;
  /** Schema passed to `migrate`. Default `public`. */
  schema?: string;
}

/**
 * `FeedbackStore` of `@guardloop/feedback` in PostgreSQL (a `pg` Pool or PGlite); run
 * `migrate(client)` first. `commitOutcome` and `commitOutcomes` are one statement each (outcome
 * inserts, trace compare-and-set, additive aggregate upserts), so recorders in many processes
 * can share it.
 * Arguments are validated (`invalid_input`); an abort rejects at once with its reason, though
 * a statement already sent may still complete.
 */
export function createPostgresFeedbackStore(options: PostgresFeedbackStoreOptions): FeedbackStore {
  const { client } = parseStoreOptions(options, 'postgres feedback store options');
  const tables = feedbackTables(parseDatabaseSchema(options.schema));
  const outcomes = outcomeLog(tables.outcomes);
  const traces = traceStates(tables.traces);
  const aggregates = aggregateBuckets(tables.aggregates, tables.breakdowns);
  const artifacts = artifactDocuments(tables);
  const problems = problemDocuments(tables.problems);
  const commitOutcomes = outcomeCommits(client, tables);
  // Methods are async so that bad arguments reject rather than throw. Arguments first (the
  // contract's validator, so this store rejects exactly what the memory store rejects), then the
  // abort, then the statements.
  const run = <Method extends FeedbackStoreMethod, Result>(
    method: Method,
    args: readonly unknown[],
    work: (valid: Parameters<FeedbackStore[Method]>) => Promise<Result>,
  ): Promise<Result> => {
    const valid = parseFeedbackStoreArguments(method, args);
    const abortSignal = valid[1]?.abortSignal;
    throwIfAborted(abortSignal);
    return raceAbort(work(valid), abortSignal);
  };

  return {
    async commitOutcome(commit, options) {
      return run('commitOutcome', [commit, options], async ([valid]) => {
        const [result] = await commitOutcomes([valid]);
        return result as FeedbackCommitResult;
      });
    },
    async commitOutcomes(commits, options) {
      return run('commitOutcomes', [commits, options], ([valid]) => commitOutcomes(valid));
    },
    async getOutcome(id, options) {
      return run('getOutcome', [id, options], ([valid]) => outcomes.get(client, valid));
    },
    async listOutcomes(query, options) {
      return run('listOutcomes', [query, options], ([valid]) => outcomes.list(client, valid));
    },
    async getTrace(traceId, options) {
      return run('getTrace', [traceId, options], ([valid]) => traces.get(client, valid));
    },
    async getTraces(traceIds, options) {
      return run('getTraces', [traceIds, options], ([valid]) => traces.getMany(client, valid));
    },
    async listTraces(query, options) {
      return run('listTraces', [query, options], ([valid]) => traces.list(client, valid));
    },
    async queryAggregates(query, options) {
      return run('queryAggregates', [query, options], ([valid]) => aggregates.query(client, valid));
    },
    async getArtifact(id, options) {
      return run('getArtifact', [id, options], ([valid]) => artifacts.get(client, valid));
    },
    async putArtifact(artifact, options) {
      return run('putArtifact', [artifact, options], ([valid, { expectedRevision }]) =>
        artifacts.put(client, valid, expectedRevision),
      );
    },
    async listArtifacts(query, options) {
      return run('listArtifacts', [query, options], ([valid]) => artifacts.list(client, valid));
    },
    async getProblem(id, options) {
      return run('getProblem', [id, options], ([valid]) => problems.get(client, valid));
    },
    async putProblem(problem, options) {
      return run('putProblem', [problem, options], ([valid, { expectedRevision }]) =>
        problems.put(client, valid, expectedRevision),
      );
    },
    async listProblems(query, options) {
      return run('listProblems', [query, options], ([valid]) => problems.list(client, valid));
    },
  };
}
