import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createPgClient } from '../client/create-pg-client';
import { createPgliteClient } from '../client/create-pglite-client';
import { openPgliteDirectory } from '../client/open-pglite-directory';
import type { SqlClient } from '../client/sql-client';
import { migrate } from '../migrations/migrate';

export const realDatabaseUrl = process.env.GUARDLOOP_TEST_DATABASE_URL;

/**
 * Suites against a real PostgreSQL server run when GUARDLOOP_TEST_DATABASE_URL is set
 * (`eval "$(bash scripts/start-postgres.sh)"`). Otherwise they are skipped with a visible
 * message, or fail when GUARDLOOP_REQUIRE_POSTGRES=1 (CI).
 */
export function describeWithPostgres(title: string, body: (url: string) => void): void {
  const help = 'set GUARDLOOP_TEST_DATABASE_URL (eval "$(bash scripts/start-postgres.sh)")';
  if (realDatabaseUrl) {
    describe(title, () => body(realDatabaseUrl));
  } else if (process.env.GUARDLOOP_REQUIRE_POSTGRES === '1') {
    describe(title, () => {
      it('needs a PostgreSQL server', () => {
        throw new Error(
          `GUARDLOOP_REQUIRE_POSTGRES=1 but GUARDLOOP_TEST_DATABASE_URL is unset: ${help}.`,
        );
      });
    });
  } else {
    console.warn(`[guardloop] skipped "${title}": no PostgreSQL server; ${help} to run it.`);
    describe.skip(title, () => body(''));
  }
}

export interface TestDatabase {
  client(): Promise<SqlClient>;
  /** A fresh, migrated schema unique to this file and call; dropped after the file. */
  newSchema(): Promise<string>;
}

/** A database on the real server. */
export interface ServerTestDatabase extends TestDatabase {
  /** Its connection string, for child processes. */
  url(): Promise<string>;
  /** A client over a pool of its own (ended after the file): separate pools race like processes. */
  separateClient(): Promise<SqlClient>;
}

let schemaCount = 0;
let databaseCount = 0;

type Kind = 'pglite' | 'pglite-file' | 'postgres' | 'postgres-repeatable-read';

/**
 * One database per test file: `pglite` in memory, `pglite-file` in a temp dir (opened with
 * `openPgliteDirectory`), `postgres` (the server's database), or `postgres-repeatable-read`
 * (see `useRepeatableReadDatabase`).
 */
export function useTestDatabase(
  kind: 'postgres' | 'postgres-repeatable-read',
  prefix: string,
): ServerTestDatabase;
export function useTestDatabase(kind: Kind, prefix: string): TestDatabase;
export function useTestDatabase(kind: Kind, prefix: string): TestDatabase {
  if (kind === 'postgres-repeatable-read') return useServerDatabase(prefix, 'repeatable read');
  if (kind === 'postgres') return useServerDatabase(prefix, undefined);
  return usePgliteDatabase(kind === 'pglite-file', prefix);
}

/**
 * A throwaway database on the real server whose default isolation is REPEATABLE READ
 * (`ALTER DATABASE ... SET default_transaction_isolation`), dropped after the file: stores must
 * hold their guarantees whatever the server's defaults. Call inside `describeWithPostgres`.
 */
export function useRepeatableReadDatabase(prefix: string): ServerTestDatabase {
  return useServerDatabase(prefix, 'repeatable read');
}

function useServerDatabase(prefix: string, isolation: string | undefined): ServerTestDatabase {
  const pools: pg.Pool[] = [];
  const newPool = (connectionString: string) => {
    const pool = new pg.Pool({ connectionString, max: 8 });
    pools.push(pool);
    return pool;
  };
  const database = isolation
    ? `guardloop_${isolation.replace(' ', '_')}_${process.pid}_${++databaseCount}`
    : undefined;
  let created: Promise<string> | undefined;
  const url = () => {
    created ??= (async () => {
      if (!database) return realDatabaseUrl ?? '';
      const admin = new pg.Client({ connectionString: realDatabaseUrl });
      await admin.connect();
      try {
        // template0: template1 may be in use by another test file's CREATE DATABASE.
        await admin.query(`CREATE DATABASE "${database}" TEMPLATE template0`);
        await admin.query(
          `ALTER DATABASE "${database}" SET default_transaction_isolation = '${isolation}'`,
        );
      } finally {
        await admin.end();
      }
      const target = new URL(realDatabaseUrl ?? '');
      target.pathname = `/${database}`;
      return target.toString();
    })();
    return created;
  };
  let shared: Promise<SqlClient> | undefined;
  const client = () => {
    shared ??= url().then((connectionString) => createPgClient(newPool(connectionString)));
    return shared;
  };
  const schemas: string[] = [];
  beforeAll(async () => void (await client()), 120_000);
  afterAll(async () => {
    if (!shared) return;
    const sql = await shared;
    if (!database)
      for (const schema of schemas) await sql.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await Promise.all(pools.map((pool) => pool.end()));
    if (database) {
      const admin = new pg.Client({ connectionString: realDatabaseUrl });
      await admin.connect();
      await admin
        .query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
        .finally(() => admin.end());
    }
  });
  return {
    client,
    url,
    separateClient: async () => createPgClient(newPool(await url())),
    async newSchema() {
      const schema = `${prefix}_${process.pid}_${++schemaCount}`;
      schemas.push(schema);
      await migrate(await client(), { schema });
      return schema;
    },
  };
}

function usePgliteDatabase(inDirectory: boolean, prefix: string): TestDatabase {
  let opened: Promise<{ client: SqlClient; close(): Promise<void> }> | undefined;
  const open = async () => {
    if (!inDirectory) {
      const database = new PGlite();
      return { client: createPgliteClient(database), close: () => database.close() };
    }
    const directory = await mkdtemp(join(tmpdir(), 'guardloop-pglite-'));
    const { client, close } = await openPgliteDirectory(directory);
    return {
      client,
      close: async () => {
        await close();
        await rm(directory, { recursive: true, force: true });
      },
    };
  };
  const client = async () => {
    opened ??= open();
    return (await opened).client;
  };
  // PGlite takes seconds to boot on a busy machine: open it before the first test's clock starts.
  beforeAll(async () => void (await client()), 120_000);
  afterAll(async () => {
    if (opened) await (await opened).close();
  });
  return {
    client,
    async newSchema() {
      const schema = `${prefix}_${process.pid}_${++schemaCount}`;
      await migrate(await client(), { schema });
      return schema;
    },
  };
}
