/** Rows of one statement and how many rows it returned or changed. */
export interface SqlResult<Row> {
  rows: Row[];
  rowCount: number;
}

/**
 * The little SQL surface guardloop's PostgreSQL stores need, over a `pg` Pool
 * (`createPgClient`) or PGlite (`createPgliteClient`). Parameters use `$1, $2...`.
 */
export interface SqlClient {
  query<Row = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<SqlResult<Row>>;
  /**
   * Runs `work` on one connection inside BEGIN/COMMIT; rolls back and rethrows when it
   * throws. Calling `transaction` on the client given to `work` joins the outer transaction.
   */
  transaction<T>(work: (client: SqlClient) => Promise<T>): Promise<T>;
}

/** A client that is already inside a transaction: nested transactions join it. */
export function joinedClient(
  query: (text: string, params?: readonly unknown[]) => Promise<SqlResult<unknown>>,
): SqlClient {
  const client: SqlClient = {
    query: query as SqlClient['query'],
    transaction: (work) => work(client),
  };
  return client;
}
