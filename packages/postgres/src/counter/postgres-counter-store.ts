import { raceAbort, throwIfAborted } from '@guardloop/core/internal';
import {
  type CounterStore,
  maxCounterAmount,
  parseCounterStoreArguments,
} from '@guardloop/economic';
import { counterOverflowError, parseRetainMs } from '@guardloop/economic/internal';
import { parseStoreOptions } from '../client/parse-sql-client';
import type { SqlClient } from '../client/sql-client';
import { counterTable } from '../migrations/counter-migration';
import { parseDatabaseSchema, qualifiedTable } from '../schema/database-schema';
import { counterLockKey } from './counter-lock-key';
import { pauseBeforeRetry } from './pause-before-retry';
import { retryOnSerializationFailure } from './retry-on-serialization-failure';
import { writeOnce } from './write-once';

export interface PostgresCounterStoreOptions {
  client: SqlClient;
  /** Schema passed to `migrate`. Default `public`. */
  schema?: string;
}

// Whatever the database's default isolation: the sum must see every increment committed by the
// previous holder of the key's lock, and only READ COMMITTED takes a fresh snapshot per statement
// (REPEATABLE READ would read the snapshot taken before the lock was granted, and overshoot).
const readCommitted = 'SET TRANSACTION ISOLATION LEVEL READ COMMITTED';
const busy = Symbol('lock busy');
// Expired buckets are deleted this many at a time: short transactions, and concurrent pruners
// (other processes) skip the rows one of them holds instead of waiting on it.
const pruneBatchSize = 5_000;

/**
 * `CounterStore` of `@guardloop/economic` in PostgreSQL (a `pg` Pool or PGlite); run
 * `migrate(client)` first. Increments are one atomic upsert. `incrementIfWithin` checks and
 * writes inside a READ COMMITTED transaction holding `pg_advisory_xact_lock` on the key, so
 * processes sharing the database never overshoot a limit. The lock is taken with
 * `pg_try_advisory_xact_lock`, and a caller that finds it busy gives its connection back to the
 * pool while it waits: callers queued on one hot key never starve the others, and an aborted call
 * leaves at once. Writes honour the `abortSignal` contract of `CounterStore`: a write rejected
 * with the abort reason did not, and will not, apply. Plain `increment`s take no lock. A write's
 * `retainMs` is kept as the row's `expires_at` (the latest wins); `pruneExpired` deletes by it
 * in batches with `FOR UPDATE SKIP LOCKED`, so pruners of several processes may run at once.
 */
export function createPostgresCounterStore(options: PostgresCounterStoreOptions): CounterStore {
  const { client } = parseStoreOptions(options, 'postgres counter store options');
  const schema = parseDatabaseSchema(options.schema);
  const table = qualifiedTable(schema, counterTable);
  // Past 2^53 doubles round: an update that would take a bucket beyond maxCounterAmount is
  // suppressed (no row returned) and reported, rather than silently losing part of the amount.
  const inRange = `abs(counter.value + EXCLUDED.value) <= ${maxCounterAmount}::float8`;
  // GREATEST ignores NULLs: a write without a retention leaves the row's expiry as it is.
  const update = `value = counter.value + EXCLUDED.value,
      expires_at = GREATEST(counter.expires_at, EXCLUDED.expires_at)`;
  const upsert = `INSERT INTO ${table} AS counter (key, bucket_start, value, expires_at)
    VALUES ($1::text, $2::bigint, $3::float8, $2::bigint + $4::bigint)
    ON CONFLICT (key, bucket_start) DO UPDATE SET ${update}
    WHERE ${inRange}
    RETURNING value`;
  const sumSql = `SELECT COALESCE(SUM(value), 0) AS total FROM ${table}
    WHERE key = $1 AND bucket_start >= $2 AND bucket_start < $3`;
  // Check and write in one statement (one round trip while holding the lock). The comparison
  // is the memory store's: `total + amount <= limit` in double precision.
  const conditionalSql = `WITH current AS (
      SELECT COALESCE(SUM(value), 0)::float8 AS total FROM ${table}
      WHERE key = $1::text AND bucket_start >= $4::bigint AND bucket_start < $5::bigint
    ), written AS (
      INSERT INTO ${table} AS counter (key, bucket_start, value, expires_at)
      SELECT $1::text, $2::bigint, $3::float8, $2::bigint + $7::bigint FROM current
      WHERE current.total + $3::float8 <= LEAST($6::float8, ${maxCounterAmount}::float8)
      ON CONFLICT (key, bucket_start) DO UPDATE SET ${update}
      WHERE ${inRange}
      RETURNING value
    )
    SELECT total, EXISTS (SELECT 1 FROM written) AS applied FROM current`;
  const lockSql = 'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked';
  const pruneExpiredSql = `DELETE FROM ${table} WHERE (key, bucket_start) IN (
      SELECT key, bucket_start FROM ${table} WHERE expires_at <= $1::bigint
      LIMIT ${pruneBatchSize} FOR UPDATE SKIP LOCKED
    )`;

  const add = async (
    sql: SqlClient,
    key: string,
    bucketStart: number,
    amount: number,
    retainMs: number | undefined,
  ) => {
    const [row] = (
      await sql.query<{ value: unknown }>(upsert, [key, bucketStart, amount, retainMs ?? null])
    ).rows;
    if (row === undefined) throw counterOverflowError(key, bucketStart);
    return Number(row.value);
  };
  const total = async (key: string, from: number, to: number) =>
    Number((await client.query<{ total: unknown }>(sumSql, [key, from, to])).rows[0]?.total ?? 0);
  // Reads have no effect: they may reject at once and let the query finish unobserved.
  // Methods are async so that bad arguments reject rather than throw.
  const read = <T>(signal: AbortSignal | undefined, work: () => Promise<T>) => {
    throwIfAborted(signal);
    return raceAbort(work(), signal);
  };

  return {
    async increment(...args) {
      const [key, bucketStart, amount] = parseCounterStoreArguments('increment', args.slice(0, 3));
      const retainMs = parseRetainMs('increment', args[3]);
      const signal = args[3]?.abortSignal;
      throwIfAborted(signal);
      // Without a signal, one autocommit statement. With one, a transaction: its work starts
      // once a connection is free, which is the last moment the write can still be called off.
      if (!signal) {
        return retryOnSerializationFailure(() => add(client, key, bucketStart, amount, retainMs));
      }
      return writeOnce(signal, (send) =>
        client.transaction(async (transaction) => {
          send();
          await transaction.query(readCommitted);
          return add(transaction, key, bucketStart, amount, retainMs);
        }),
      );
    },
    async sum(...args) {
      const [key, from, to] = parseCounterStoreArguments('sum', args.slice(0, 3));
      return read(args[3]?.abortSignal, () => total(key, from, to));
    },
    async buckets(...args) {
      const [key, from, to] = parseCounterStoreArguments('buckets', args.slice(0, 3));
      return read(args[3]?.abortSignal, async () => {
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
      const retainMs = parseRetainMs('incrementIfWithin', args[4]);
      const signal = args[4]?.abortSignal;
      throwIfAborted(signal);
      const lock = counterLockKey(schema, key);
      const attempt = (send: () => void) =>
        client.transaction(async (transaction) => {
          // A connection freed up after the caller gave up: leave without touching anything.
          throwIfAborted(signal);
          await transaction.query(readCommitted);
          const { rows } = await transaction.query<{ locked: unknown }>(lockSql, [lock]);
          if (rows[0]?.locked !== true) return busy;
          send();
          const [row] = (
            await transaction.query<{ total: unknown; applied: unknown }>(conditionalSql, [
              key,
              bucketStart,
              amount,
              window.from,
              window.to,
              window.limit,
              retainMs ?? null,
            ])
          ).rows;
          const current = Number(row?.total ?? 0);
          if (row?.applied !== true) return { applied: false, total: current };
          const inside = bucketStart >= window.from && bucketStart < window.to;
          return { applied: true, total: inside ? current + amount : current };
        });
      return writeOnce(signal, async (send) => {
        for (let round = 0; ; round++) {
          const outcome = await attempt(send);
          if (outcome !== busy) return outcome;
          await pauseBeforeRetry(round, signal);
        }
      });
    },
    async prune(...args) {
      const [before] = parseCounterStoreArguments('prune', args.slice(0, 1));
      return read(args[1]?.abortSignal, async () => {
        return (await client.query(`DELETE FROM ${table} WHERE bucket_start < $1`, [before]))
          .rowCount;
      });
    },
    async pruneExpired(...args) {
      const [now] = parseCounterStoreArguments('pruneExpired', args.slice(0, 1));
      const signal = args[1]?.abortSignal;
      return read(signal, async () => {
        let dropped = 0;
        for (;;) {
          const { rowCount } = await client.query(pruneExpiredSql, [now]);
          dropped += rowCount;
          // Rows another pruner holds are skipped, not waited for: it deletes them.
          if (rowCount < pruneBatchSize || signal?.aborted) return dropped;
        }
      });
    },
  };
}
