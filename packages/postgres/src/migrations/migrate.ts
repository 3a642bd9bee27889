import { parseInput } from '@guardloop/core';
import { abortSignalSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import { parseStoreOptions } from '../client/parse-sql-client';
import type { SqlClient } from '../client/sql-client';
import { parseDatabaseSchema, qualifiedTable } from '../schema/database-schema';
import { migrations } from './migrations';

export interface MigrateOptions {
  /** Schema of guardloop's tables, created when missing. Default `public`. */
  schema?: string;
  abortSignal?: AbortSignal | undefined;
}

const migrateOptionsSchema = z.object({
  schema: z.unknown().optional(), // parseDatabaseSchema reports its own issues
  abortSignal: abortSignalSchema.optional(),
});

export interface MigrateResult {
  /** Ids of the migrations applied by this call (empty when the schema was up to date). */
  applied: string[];
}

/**
 * Creates or updates guardloop's tables. Idempotent and safe to call from many processes at
 * once, whatever the server's default isolation: a transaction-scoped advisory lock serialises
 * concurrent callers, the transaction runs at READ COMMITTED so each statement after the lock
 * sees what the previous holder committed, every statement is idempotent (`IF NOT EXISTS`,
 * `ON CONFLICT DO NOTHING`), and applied migrations are recorded in `guardloop_migrations`.
 */
export async function migrate(
  client: SqlClient,
  options: MigrateOptions = {},
): Promise<MigrateResult> {
  parseStoreOptions({ client }, 'migrate client');
  const { abortSignal, ...rest } = parseInput(migrateOptionsSchema, options, 'migrate options');
  const schema = parseDatabaseSchema(rest.schema);
  const ledger = qualifiedTable(schema, 'guardloop_migrations');
  return client.transaction(
    async (transaction) => {
      await transaction.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `guardloop.migrate.${schema}`,
      ]);
      await transaction.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await transaction.query(
        `CREATE TABLE IF NOT EXISTS ${ledger} (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const { rows } = await transaction.query<{ id: string }>(`SELECT id FROM ${ledger}`);
      const done = new Set(rows.map((row) => row.id));
      const applied: string[] = [];
      for (const migration of migrations) {
        if (done.has(migration.id)) continue;
        for (const statement of migration.statements(schema)) await transaction.query(statement);
        await transaction.query(
          `INSERT INTO ${ledger} (id) VALUES ($1) ON CONFLICT (id) DO NOTHING`,
          [migration.id],
        );
        applied.push(migration.id);
      }
      return { applied };
    },
    // Under REPEATABLE READ the snapshot would predate the lock and miss the previous holder's work.
    { isolationLevel: 'read committed', abortSignal },
  );
}
