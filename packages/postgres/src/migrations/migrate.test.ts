import { describe, expect, it } from 'vitest';
import { describeWithPostgres, useTestDatabase } from '../test-support/test-databases';
import { migrate } from './migrate';

const database = useTestDatabase('pglite', 'migrate');

describe('migrate (PGlite)', () => {
  it('creates the tables once and is a no-op afterwards', async () => {
    const client = await database.client();
    expect(await migrate(client, { schema: 'migrate_once' })).toEqual({
      applied: ['0001_undo_log', '0002_counters'],
    });
    expect(await migrate(client, { schema: 'migrate_once' })).toEqual({ applied: [] });
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'migrate_once' ORDER BY table_name`,
    );
    expect(rows.map((row) => row.table_name)).toEqual([
      'guardloop_counters',
      'guardloop_migrations',
      'guardloop_undo_log',
    ]);
  });

  it('defaults to the public schema', async () => {
    const client = await database.client();
    await migrate(client);
    const { rows } = await client.query(`SELECT to_regclass('public.guardloop_undo_log') AS name`);
    expect(rows[0]).toEqual({ name: 'guardloop_undo_log' });
  });

  it('rejects schema names that are not plain identifiers', async () => {
    const client = await database.client();
    for (const schema of ['', 'Upper', 'with space', 'a;drop', 'pg_catalog', 'x'.repeat(64)]) {
      await expect(migrate(client, { schema })).rejects.toMatchObject({ code: 'invalid_input' });
    }
  });
});

describeWithPostgres('migrate (real PostgreSQL)', () => {
  const server = useTestDatabase('postgres', 'migrate_real');

  it('lets concurrent processes migrate one schema without clashing', async () => {
    const client = await server.client();
    const schema = await server.newSchema();
    await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    const results = await Promise.all(Array.from({ length: 4 }, () => migrate(client, { schema })));
    expect(results.flatMap((result) => result.applied)).toEqual(['0001_undo_log', '0002_counters']);
  });
});
