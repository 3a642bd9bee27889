import { joinedClient, type SqlClient, type SqlResult } from './sql-client';

/** The part of a `pg` query result used here. */
interface PgResultLike {
  rows: unknown[];
  rowCount: number | null;
}

/** What is needed of a `pg` PoolClient (structural, so `pg` stays an optional peer). */
export interface PgConnectionLike {
  query(text: string, params?: unknown[]): Promise<PgResultLike>;
  release(destroy?: boolean | Error): void;
}

/** What is needed of a `pg` Pool: pass `new pg.Pool({ connectionString })`. */
export interface PgPoolLike {
  query(text: string, params?: unknown[]): Promise<PgResultLike>;
  connect(): Promise<PgConnectionLike>;
}

const toResult = (result: PgResultLike): SqlResult<unknown> => ({
  rows: result.rows,
  rowCount: result.rowCount ?? result.rows.length,
});

/**
 * A `SqlClient` over a `pg` Pool: the production choice, safe for many processes.
 * The pool stays yours: end it with `pool.end()` when done.
 */
export function createPgClient(pool: PgPoolLike): SqlClient {
  return {
    query: (async (text: string, params?: readonly unknown[]) =>
      toResult(await pool.query(text, params ? [...params] : undefined))) as SqlClient['query'],
    async transaction(work) {
      const connection = await pool.connect();
      const client = joinedClient(async (text, params) =>
        toResult(await connection.query(text, params ? [...params] : undefined)),
      );
      let broken: Error | undefined;
      try {
        await connection.query('BEGIN');
        const result = await work(client);
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        // A connection whose rollback fails is in an unknown state: destroy it.
        await connection.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken =
            rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw error;
      } finally {
        connection.release(broken ?? false);
      }
    },
  };
}
