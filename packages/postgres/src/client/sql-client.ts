import { checkStatement, checkWork } from './transaction-options';

/** Rows of one statement and how many rows it returned or changed. */
export interface SqlResult<Row> {
  rows: Row[];
  rowCount: number;
}

/** PostgreSQL isolation levels a transaction can ask for (`read uncommitted` is `read committed` there). */
export type IsolationLevel = 'read committed' | 'repeatable read' | 'serializable';

export interface QueryOptions {
  /** Checked before the statement is sent: a statement already sent runs to its end. */
  abortSignal?: AbortSignal | undefined;
  /**
   * The text is one of a few fixed statements run often: keep it prepared on the connection (a
   * `pg` named statement; on PGlite, one prepared through its protocol entry), so that it is
   * parsed and planned once instead of every time. Only for statements whose plan cannot depend
   * on the table's size (an insert, one row by a unique key): a plan made while the table was
   * small may be kept as it grows. Their result columns must be named (no `SELECT *`): a prepared
   * plan may not change them. Ignored inside transactions.
   */
  prepare?: boolean | undefined;
}

export interface TransactionOptions {
  /**
   * Default `read committed`, set explicitly on every transaction, whatever the server's or
   * role's `default_transaction_isolation`: the stores' SQL is written for it.
   */
  isolationLevel?: IsolationLevel;
  /**
   * How often `work` may run when PostgreSQL aborts the transaction with a serialization failure
   * (40001) or a deadlock (40P01). Default 4; 1 never re-runs it.
   */
  maxAttempts?: number;
  /**
   * Checked before each attempt, each statement of `work` and COMMIT: once it aborts, the
   * transaction rolls back and rejects with its reason (a statement already sent runs to its end).
   */
  abortSignal?: AbortSignal | undefined;
}

/**
 * The little SQL surface guardloop's PostgreSQL stores need, over a `pg` Pool
 * (`createPgClient`) or PGlite (`createPgliteClient`). Parameters use `$1, $2...`.
 * Connection failures reject with core's `StoreUnavailableError` (`store_unavailable`); SQL
 * errors (constraint violations and the like) reject unchanged, with their SQLSTATE `code`.
 */
export interface SqlClient {
  query<Row = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<SqlResult<Row>>;
  /**
   * Runs `work` on one connection inside BEGIN/COMMIT; rolls back and rethrows when it
   * throws. `work` is re-run from the start after a serialization failure or deadlock, so it
   * must touch nothing but the database through the client it is given. Calling `transaction`
   * on that client runs a nested transaction in a SAVEPOINT of the outer one (its options are
   * then ignored): a nested work that throws is rolled back alone.
   */
  transaction<T>(work: (client: SqlClient) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

let savepoints = 0;

/**
 * A client that is already inside a transaction. A nested `transaction` runs in a SAVEPOINT:
 * when its work throws, its statements are rolled back and the error rethrown, so an outer
 * work that catches it never commits half of it. `abortSignal` (the outer transaction's) is
 * checked before every statement.
 */
export function joinedClient(
  query: (text: string, params?: readonly unknown[]) => Promise<SqlResult<unknown>>,
  abortSignal?: AbortSignal,
): SqlClient {
  const client: SqlClient = {
    query: (async (text: string, params?: readonly unknown[], options?: QueryOptions) => {
      checkStatement(text, params);
      abortSignal?.throwIfAborted();
      options?.abortSignal?.throwIfAborted();
      return query(text, params);
    }) as SqlClient['query'],
    async transaction(work) {
      checkWork(work);
      savepoints += 1;
      const name = `guardloop_nested_${savepoints}`;
      await client.query(`SAVEPOINT ${name}`);
      let result: Awaited<ReturnType<typeof work>>;
      try {
        result = await work(client);
      } catch (error) {
        // Best effort: if even this fails, the transaction is aborted and will not commit.
        await query(`ROLLBACK TO SAVEPOINT ${name}`)
          .then(() => query(`RELEASE SAVEPOINT ${name}`))
          .catch(() => {});
        throw error;
      }
      await client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    },
  };
  return client;
}
