import type { SqlClient } from '../client/sql-client';

export interface RecordedStatement {
  text: string;
  params: readonly unknown[];
}

/** A client that remembers the statements it was given, to EXPLAIN them afterwards. */
export function recordingClient(inner: SqlClient, statements: RecordedStatement[]): SqlClient {
  return {
    query: ((text: string, params?: readonly unknown[]) => {
      statements.push({ text, params: params ?? [] });
      return inner.query(text, params);
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
