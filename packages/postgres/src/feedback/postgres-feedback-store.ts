import { raceAbort, throwIfAborted } from '@guardloop/core';
import type { FeedbackStore } from '@guardloop/feedback';
import { parseStoreOptions } from '../client/parse-sql-client';
import type { SqlClient } from '../client/sql-client';
import { parseDatabaseSchema } from '../schema/database-schema';
import { aggregateBuckets } from './aggregate-buckets';
import { artifactDocuments } from './artifact-documents';
import { commitOutcome } from './commit-outcome';
import { feedbackTables } from './feedback-tables';
import { outcomeLog } from './outcome-log';
import { parseFeedbackInput as parse } from './parse-feedback-input';
import { problemDocuments } from './problem-documents';
import { traceStates } from './trace-states';

export interface PostgresFeedbackStoreOptions {
  client: SqlClient;
  /** Schema passed to `migrate`. Default `public`. */
  schema?: string;
}

/**
 * `FeedbackStore` of `@guardloop/feedback` in PostgreSQL (a `pg` Pool or PGlite); run
 * `migrate(client)` first. `commitOutcome` is one transaction (outcome insert, trace
 * compare-and-set, additive aggregate upsert), so recorders in many processes can share it.
 * Arguments are validated (`invalid_input`); an abort rejects at once with its reason, though
 * a statement already sent may still complete.
 */
export function createPostgresFeedbackStore(options: PostgresFeedbackStoreOptions): FeedbackStore {
  const { client } = parseStoreOptions(options, 'postgres feedback store options');
  const tables = feedbackTables(parseDatabaseSchema(options.schema));
  const outcomes = outcomeLog(tables.outcomes);
  const traces = traceStates(tables.traces);
  const aggregates = aggregateBuckets(tables.aggregates);
  const artifacts = artifactDocuments(tables);
  const problems = problemDocuments(tables.problems);
  // Methods are async so that bad arguments reject rather than throw.
  const guard = <T>(signal: AbortSignal | undefined, work: () => Promise<T>) => {
    throwIfAborted(signal);
    return raceAbort(work(), signal);
  };
  const signalOf = (value: unknown, method: string) =>
    parse('storeOptions', value, method)?.abortSignal;

  return {
    async commitOutcome(commit, options) {
      const valid = parse('commit', commit, 'commitOutcome');
      return guard(signalOf(options, 'commitOutcome'), () =>
        commitOutcome(client, { outcomes, traces, aggregates }, valid),
      );
    },
    async getOutcome(id, options) {
      const valid = parse('id', id, 'getOutcome');
      return guard(signalOf(options, 'getOutcome'), () => outcomes.get(client, valid));
    },
    async listOutcomes(query, options) {
      const valid = parse('outcomeQuery', query, 'listOutcomes');
      return guard(signalOf(options, 'listOutcomes'), () => outcomes.list(client, valid));
    },
    async getTrace(traceId, options) {
      const valid = parse('id', traceId, 'getTrace');
      return guard(signalOf(options, 'getTrace'), () => traces.get(client, valid));
    },
    async listTraces(query, options) {
      const valid = parse('traceQuery', query, 'listTraces');
      return guard(signalOf(options, 'listTraces'), () => traces.list(client, valid));
    },
    async queryAggregates(query, options) {
      const valid = parse('aggregateQuery', query, 'queryAggregates');
      return guard(signalOf(options, 'queryAggregates'), () => aggregates.query(client, valid));
    },
    async getArtifact(id, options) {
      const valid = parse('id', id, 'getArtifact');
      return guard(signalOf(options, 'getArtifact'), () => artifacts.get(client, valid));
    },
    async putArtifact(artifact, options) {
      const valid = parse('artifact', artifact, 'putArtifact');
      const { expectedRevision, abortSignal } = parse('writeOptions', options, 'putArtifact');
      return guard(abortSignal, () => artifacts.put(client, valid, expectedRevision));
    },
    async listArtifacts(query, options) {
      const valid = parse('artifactQuery', query, 'listArtifacts');
      return guard(signalOf(options, 'listArtifacts'), () => artifacts.list(client, valid));
    },
    async getProblem(id, options) {
      const valid = parse('id', id, 'getProblem');
      return guard(signalOf(options, 'getProblem'), () => problems.get(client, valid));
    },
    async putProblem(problem, options) {
      const valid = parse('problem', problem, 'putProblem');
      const { expectedRevision, abortSignal } = parse('writeOptions', options, 'putProblem');
      return guard(abortSignal, () => problems.put(client, valid, expectedRevision));
    },
    async listProblems(query, options) {
      const valid = parse('problemQuery', query, 'listProblems');
      return guard(signalOf(options, 'listProblems'), () => problems.list(client, valid));
    },
  };
}
