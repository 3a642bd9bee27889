import type { QueryOptions, SqlClient } from '../client/sql-client';

export interface RecordedStatement {
  text: string;
  params: readonly unknown[];
  /** Whether the statement was marked to be kept prepared. */
  prepare?: boolean;
}

/** A client that remembers the statements it was given, to EXPLAIN them afterwards. */
export function recordingClient(inner: SqlClient, statements: RecordedStatement[]): SqlClient {
  return {
    query: ((text: string, params?: readonly unknown[], options?: QueryOptions) => {
      statements.push({ text, params: params ?? [], ...(options?.prepare && { prepare: true }) });
      return inner.query(text, params, options);
    }) as SqlClient['query'],
    transaction: (work, options) =>
      inner.transaction((transaction) => work(recordingClient(transaction, statements)), options),
  };
}

/** The names of the indexes in a JSON plan. */
export function indexesOf(plan: unknown): string[] {
  if (Array.isArray(plan)) return plan.flatMap(indexesOf);
  if (typeof plan !== 'object' || plan === null) return [];
  const node = plan as Record<string, unknown>;
  const own = typeof node['Index Name'] === 'string' ? [node['Index Name']] : [];
  return [...own, ...Object.values(node).flatMap(indexesOf)];
}
