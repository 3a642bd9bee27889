import { joinedClient, type SqlClient, type SqlResult } from './sql-client';

/** The part of a PGlite result used here. */
interface PgliteResultLike {
  rows: unknown[];
  rowCount?: number;
  affectedRows?: number;
}

interface PgliteQueryable {
  query<Row>(text: string, params?: unknown[]): Promise<PgliteResultLike & { rows: Row[] }>;
}

/** What is needed of a PGlite instance (structural, so PGlite stays an optional peer). */
export interface PgliteLike extends PgliteQueryable {
  transaction<T>(work: (transaction: PgliteQueryable) => Promise<T>): Promise<T>;
}

const run = async (target: PgliteQueryable, text: string, params?: readonly unknown[]) => {
  const result = await target.query<unknown>(text, params ? [...params] : undefined);
  const rowCount = result.rowCount ?? result.affectedRows ?? result.rows.length;
  return { rows: result.rows, rowCount } satisfies SqlResult<unknown>;
};

/**
 * A `SqlClient` over PGlite: embedded PostgreSQL, in memory (`new PGlite()`) or persisted
 * to a directory (`new PGlite('./data')`). One process at a time may open a directory.
 */
export function createPgliteClient(database: PgliteLike): SqlClient {
  return {
    query: ((text: string, params?: readonly unknown[]) =>
      run(database, text, params)) as SqlClient['query'],
    transaction: (work) =>
      database.transaction((transaction) =>
        work(joinedClient((text, params) => run(transaction, text, params))),
      ),
  };
}
