import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createPgClient } from '../client/create-pg-client';
import { createPgliteClient } from '../client/create-pglite-client';
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

let schemaCount = 0;

/** One database per test file: `pglite` in memory, `pglite-file` in a temp dir, or `postgres`. */
export function useTestDatabase(
  kind: 'pglite' | 'pglite-file' | 'postgres',
  prefix: string,
): TestDatabase {
  let opened: Promise<{ client: SqlClient; close(): Promise<void> }> | undefined;
  const schemas: string[] = [];
  const open = async () => {
    if (kind === 'postgres') {
      const pool = new pg.Pool({ connectionString: realDatabaseUrl, max: 8 });
      return { client: createPgClient(pool), close: () => pool.end() };
    }
    const directory =
      kind === 'pglite-file' ? await mkdtemp(join(tmpdir(), 'guardloop-pglite-')) : undefined;
    const database = new PGlite(directory);
    return {
      client: createPgliteClient(database),
      close: async () => {
        await database.close();
        if (directory) await rm(directory, { recursive: true, force: true });
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
    if (!opened) return;
    const { client: sql, close } = await opened;
    if (kind === 'postgres')
      for (const schema of schemas) await sql.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await close();
  });
  return {
    client,
    async newSchema() {
      const schema = `${prefix}_${process.pid}_${++schemaCount}`;
      schemas.push(schema);
      await migrate(await client(), { schema });
      return schema;
    },
  };
}
