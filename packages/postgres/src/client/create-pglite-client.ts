import { toStoreError } from './driver-errors';
import { lockPgliteDirectory } from './pglite-directory-lock';
import { queryPreparedOnPglite } from './pglite-prepared-query';
import { preparedStatementName } from './prepared-statement-name';
import { runTransaction } from './run-transaction';
import type { SqlClient, SqlResult } from './sql-client';
import {
  checkStatement,
  checkWork,
  parseQueryOptions,
  parseTransactionOptions,
  setIsolationStatement,
} from './transaction-options';

/** The part of a PGlite result used here. */
export interface PgliteResultLike {
  rows: unknown[];
  rowCount?: number;
  affectedRows?: number;
}

export interface PgliteQueryable {
  query<Row>(text: string, params?: unknown[]): Promise<PgliteResultLike & { rows: Row[] }>;
}

/** What is needed of a PGlite instance (structural, so PGlite stays an optional peer). */
export interface PgliteLike extends PgliteQueryable {
  transaction<T>(work: (transaction: PgliteQueryable) => Promise<T>): Promise<T>;
  /** Where PGlite keeps its files: a directory path, or `memory://`, `idb://...`. */
  readonly dataDir?: string;
  readonly closed?: boolean;
}

// Instances opened by openPgliteDirectory, which already hold their directory's lock.
const lockedInstances = new WeakSet<object>();

/** Marks an instance whose directory lock is held by its opener. */
export function markPgliteLocked(database: object): void {
  lockedInstances.add(database);
}

/** The filesystem directory behind a PGlite `dataDir`, or `undefined` (memory, idb, opfs). */
export function pgliteDirectoryOf(dataDir: string | undefined): string | undefined {
  if (!dataDir) return undefined;
  if (dataDir.startsWith('file://')) return dataDir.slice('file://'.length) || undefined;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(dataDir) ? undefined : dataDir;
}

const run = async (target: PgliteQueryable, text: string, params?: readonly unknown[]) => {
  const result = await target.query<unknown>(text, params ? [...params] : undefined);
  const rowCount = result.rowCount ?? result.affectedRows ?? result.rows.length;
  return { rows: result.rows, rowCount } satisfies SqlResult<unknown>;
};

/**
 * A `SqlClient` over PGlite: embedded PostgreSQL, in memory (`new PGlite()`). For a directory,
 * prefer `openPgliteDirectory`, which locks it before PGlite opens it. Given an instance on a
 * directory, this takes the same lock, so a second process fails with `DatabaseLockedError`
 * (but only after its PGlite started on the files: open directories with openPgliteDirectory).
 */
export function createPgliteClient(database: PgliteLike): SqlClient {
  const directory = pgliteDirectoryOf(database.dataDir);
  if (directory !== undefined && !lockedInstances.has(database)) {
    // Never released explicitly: the instance may be closed behind our back. A closed instance's
    // lock is reclaimable in this process, and a dead process's lock is stale for the others.
    lockPgliteDirectory(directory, { isAbandoned: () => database.closed === true });
    lockedInstances.add(database); // more clients over the same instance are fine
  }
  return {
    query: (async (text: string, params?: readonly unknown[], options?: unknown) => {
      checkStatement(text, params);
      const parsed = parseQueryOptions(options);
      parsed?.abortSignal?.throwIfAborted();
      const name = parsed?.prepare ? preparedStatementName(text) : undefined;
      try {
        if (name !== undefined) {
          const result = await queryPreparedOnPglite(database, name, text, params);
          if (result) return result;
        }
        return await run(database, text, params);
      } catch (error) {
        throw toStoreError(error, 'query', true);
      }
    }) as SqlClient['query'],
    async transaction(work, options) {
      checkWork(work);
      const parsed = parseTransactionOptions(options);
      return runTransaction(parsed, (state) =>
        database.transaction(async (transaction) => {
          const send = (text: string, params?: readonly unknown[]) =>
            run(transaction, text, params);
          state.phase = 'begin';
          // PGlite sends a bare BEGIN itself; the level is set as the transaction's first statement.
          await send(setIsolationStatement(parsed.isolationLevel));
          state.phase = 'work';
          const result = await work(state.client(send));
          await state.checkNotAborted(send);
          state.phase = 'commit';
          return result;
        }),
      );
    },
  };
}
