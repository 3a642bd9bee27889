import { raceAbort, throwIfAborted } from '@guardloop/core';
import { type CounterStore, parseCounterStoreArguments } from '@guardloop/economic';
import { parseStoreOptions } from '../client/parse-sql-client';
import type { SqlClient } from '../client/sql-client';
import { counterTable } from '../migrations/counter-migration';
import { parseDatabaseSchema, qualifiedTable } from '../schema/database-schema';

export interface PostgresCounterStoreOptions {
  client: SqlClient;
  /** Schema passed to `migrate`. Default `public`. */
  schema?: string;
}

/**
 * `CounterStore` of `@guardloop/economic` in PostgreSQL (a `pg` Pool or PGlite); run
 * `migrate(client)` first. Increments are one atomic upsert. `incrementIfWithin` checks and
 * writes inside a transaction holding `pg_advisory_xact_lock` on the key, so processes
 * sharing the database never overshoot a limit. Plain `increment`s take no lock.
 */
export function createPostgresCounterStore(options: PostgresCounterStoreOptions): CounterStore {
  const { client } = parseStoreOptions(options, 'postgres counter store options');
  const schema = parseDatabaseSchema(options.schema);
  const table = qualifiedTable(schema, counterTable);
  const upsert = `INSERT INTO ${table} AS counter (key, bucket_start, value) VALUES ($1, $2, $3)
    ON CONFLICT (key, bucket_start) DO UPDATE SET value = counter.value + EXCLUDED.value
    RETURNING value`;
  const sumSql = `SELECT COALESCE(SUM(value), 0) AS total FROM ${table}
    WHERE key = $1 AND bucket_start >= $2 AND bucket_start < $3`;
  const add = async (sql: SqlClient, key: string, bucketStart: number, amount: number) =>
    Number(
      (await sql.query<{ value: unknown }>(upsert, [key, bucketStart, amount])).rows[0]?.value,
    );
  const total = async (sql: SqlClient, key: string, from: number, to: number) =>
    Number((await sql.query<{ total: unknown }>(sumSql, [key, from, to])).rows[0]?.total ?? 0);
  // Rejects with the abort reason at once; a query already sent may still complete. Methods
  // are async so that bad arguments reject rather than throw.
  const guard = <T>(signal: AbortSignal | undefined, work: () => Promise<T>) => {
    throwIfAborted(signal);
    return raceAbort(work(), signal);
  };

  return {
    async increment(...args) {
      const [key, bucketStart, amount] = parseCounterStoreArguments('increment', args.slice(0, 3));
      return guard(args[3]?.abortSignal, () => add(client, key, bucketStart, amount));
    },
    async sum(...args) {
      const [key, from, to] = parseCounterStoreArguments('sum', args.slice(0, 3));
      return guard(args[3]?.abortSignal, () => total(client, key, from, to));
    },
    async buckets(...args) {
      const [key, from, to] = parseCounterStoreArguments('buckets', args.slice(0, 3));
      return guard(args[3]?.abortSignal, async () => {
        const { rows } = await client.query<{ bucket_start: unknown; value: unknown }>(
          `SELECT bucket_start, value FROM ${table}
           WHERE key = $1 AND bucket_start >= $2 AND bucket_start < $3 ORDER BY bucket_start`,
          [key, from, to],
        );
        return rows.map((row) => ({
          bucketStart: Number(row.bucket_start),
          value: Number(row.value),
        }));
      });
    },
    async incrementIfWithin(...args) {
      const [key, bucketStart, amount, window] = parseCounterStoreArguments(
        'incrementIfWithin',
        args.slice(0, 4),
      );
      return guard(args[4]?.abortSignal, () =>
        client.transaction(async (transaction) => {
          await transaction.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
            `guardloop.counter.${schema}.${key}`,
          ]);
          const current = await total(transaction, key, window.from, window.to);
          if (current + amount > window.limit) return { applied: false, total: current };
          await add(transaction, key, bucketStart, amount);
          const inside = bucketStart >= window.from && bucketStart < window.to;
          return { applied: true, total: inside ? current + amount : current };
        }),
      );
    },
    async prune(...args) {
      const [before] = parseCounterStoreArguments('prune', args.slice(0, 1));
      return guard(args[1]?.abortSignal, async () => {
        return (await client.query(`DELETE FROM ${table} WHERE bucket_start < $1`, [before]))
          .rowCount;
      });
    },
  };
}
