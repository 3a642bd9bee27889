import type { SqlClient } from '../client/sql-client';
import { parseDatabaseSchema, qualifiedTable } from '../schema/database-schema';
import { migrations } from './migrations';

export interface MigrateOptions {
  /** Schema of guardloop's tables, created when missing. Default `public`. */
  schema?: string;
}

export interface MigrateResult {
  /** Ids of the migrations applied by this call (empty when the schema was up to date). */
  applied: string[];
}

/**
 * Creates or updates guardloop's tables. Idempotent and safe to call from many processes at
 * once: a transaction-scoped advisory lock serialises concurrent callers, and applied
 * migrations are recorded in `guardloop_migrations`.
 */
export async function migrate(
  client: SqlClient,
  options: MigrateOptions = {},
): Promise<MigrateResult> {
  const schema = parseDatabaseSchema(options.schema);
  const ledger = qualifiedTable(schema, 'guardloop_migrations');
  return client.transaction(async (transaction) => {
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
      await transaction.query(`INSERT INTO ${ledger} (id) VALUES ($1)`, [migration.id]);
      applied.push(migration.id);
    }
    return { applied };
  });
}
