import { parseInput } from '@guardloop/core';
import { z } from 'zod';
import { classifyDriverError, toStoreError } from './driver-errors';
import { preparedStatementName } from './prepared-statement-name';
import { runTransaction } from './run-transaction';
import type { SqlClient, SqlResult } from './sql-client';
import {
  beginStatement,
  checkStatement,
  checkWork,
  parseQueryOptions,
  parseTransactionOptions,
} from './transaction-options';

/** The part of a `pg` query result used here. */
export interface PgResultLike {
  rows: unknown[];
  rowCount: number | null;
}

/** What is needed of a `pg` PoolClient (structural, so `pg` stays an optional peer). */
export interface PgConnectionLike {
  query(text: string, params?: unknown[]): Promise<PgResultLike>;
  release(destroy?: boolean | Error): void;
  on?(event: 'error', listener: (error: Error) => void): unknown;
  removeListener?(event: 'error', listener: (error: Error) => void): unknown;
}

/** What is needed of a `pg` Pool: pass `new pg.Pool({ connectionString })`. */
export interface PgPoolLike {
  /** Given `{ name, text, values }` for statements marked `prepare` (a `pg` named statement). */
  query(
    text: string | { name: string; text: string; values: unknown[] },
    params?: unknown[],
  ): Promise<PgResultLike>;
  connect(): Promise<PgConnectionLike>;
}

const toResult = (result: PgResultLike): SqlResult<unknown> => ({
  rows: result.rows,
  rowCount: result.rowCount ?? result.rows.length,
});

// A lone statement that hit a serialization failure was rolled back whole: re-sending it is safe.
const queryAttempts = 3;

export interface PgClientOptions {
  /**
   * Send statements marked `prepare` as `pg` named statements (parsed and planned once per
   * connection). Default true; false sends every statement unnamed, for a pooler that cannot
   * keep named statements (PgBouncer in transaction mode before 1.21).
   */
  preparedStatements?: boolean;
}

const pgClientOptionsSchema = z
  .strictObject({ preparedStatements: z.boolean().optional() })
  .optional();

/**
 * A `SqlClient` over a `pg` Pool: the production choice, safe for many processes.
 * Transactions run at READ COMMITTED (or the level asked for), whatever the server's default.
 * The pool stays yours: end it with `pool.end()` when done.
 * @throws InvalidInputError (`invalid_input`) for malformed options
 */
export function createPgClient(pool: PgPoolLike, options?: PgClientOptions): SqlClient {
  const { preparedStatements = true } =
    parseInput(pgClientOptionsSchema, options, 'pg client options') ?? {};
  // pg emits 'error' on the pool when the server drops an idle connection (restart,
  // pg_terminate_backend); unheard, that event kills the process. The pool already discarded
  // the connection, and the next statement gets a new one (or a StoreUnavailableError).
  const events = pool as { on?: (event: 'error', listener: () => void) => unknown };
  if (typeof events.on === 'function') events.on('error', () => {});
  return {
    query: (async (text: string, params?: readonly unknown[], options?: unknown) => {
      checkStatement(text, params);
      const { abortSignal, prepare } = parseQueryOptions(options) ?? {};
      const name = prepare && preparedStatements ? preparedStatementName(text) : undefined;
      for (let attempt = 1; ; attempt += 1) {
        abortSignal?.throwIfAborted();
        try {
          const values = params ? [...params] : [];
          return toResult(
            await (name === undefined
              ? pool.query(text, params ? values : undefined)
              : pool.query({ name, text, values })),
          );
        } catch (error) {
          if (classifyDriverError(error) === 'serialization' && attempt < queryAttempts) continue;
          throw toStoreError(error, 'query', true);
        }
      }
    }) as SqlClient['query'],
    async transaction(work, options) {
      checkWork(work);
      const parsed = parseTransactionOptions(options);
      return runTransaction(parsed, async (state) => {
        const connection = await pool.connect();
        const send = async (text: string, params?: readonly unknown[]) =>
          toResult(await connection.query(text, params ? [...params] : undefined));
        let broken: Error | undefined;
        // A checked-out pg client emits 'error' when its connection drops; unheard, that kills
        // the process. The failing statement rejects anyway: just destroy the connection.
        const onError = (error: Error) => {
          broken ??= error;
        };
        connection.on?.('error', onError);
        try {
          state.phase = 'begin';
          await send(beginStatement(parsed.isolationLevel));
          state.phase = 'work';
          const result = await work(state.client(send));
          await state.checkNotAborted(send);
          state.phase = 'commit';
          await send('COMMIT');
          return result;
        } catch (error) {
          // A connection whose rollback fails is in an unknown state: destroy it.
          await connection.query('ROLLBACK').catch((rollbackError: unknown) => {
            broken =
              rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
          });
          throw error;
        } finally {
          connection.removeListener?.('error', onError);
          connection.release(broken ?? false);
        }
      });
    },
  };
}
