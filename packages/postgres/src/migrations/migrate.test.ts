import { describe, expect, it } from 'vitest';
import { describeWithPostgres, useTestDatabase } from '../test-support/test-databases';
import { migrate } from './migrate';
import { migrations } from './migrations';

const allIds = migrations.map((migration) => migration.id);

const database = useTestDatabase('pglite', 'migrate');

describe('migrate (PGlite)', () => {
  it('creates the tables once and is a no-op afterwards', async () => {
    const client = await database.client();
    expect(await migrate(client, { schema: 'migrate_once' })).toEqual({
      applied: allIds,
    });
    expect(await migrate(client, { schema: 'migrate_once' })).toEqual({ applied: [] });
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'migrate_once' ORDER BY table_name`,
    );
    expect(rows.map((row) => row.table_name)).toEqual([
      'guardloop_counters',
      'guardloop_email_threads',
      'guardloop_feedback_aggregates',
      'guardloop_feedback_artifact_versions',
      'guardloop_feedback_artifacts',
      'guardloop_feedback_breakdowns',
      'guardloop_feedback_outcomes',
      'guardloop_feedback_problems',
      'guardloop_feedback_traces',
      'guardloop_inbox_items',
      'guardloop_inbox_sla_events',
      'guardloop_learning_runs',
      'guardloop_migrations',
      'guardloop_ticket_sla_emissions',
      'guardloop_ticket_sla_tickets',
      'guardloop_undo_log',
    ]);
  });

  it('adds the feedback tables to a schema migrated before they existed', async () => {
    const client = await database.client();
    await migrate(client, { schema: 'migrate_upgrade' });
    // Back to the state of a release before 0003; one table survives, as if a run was cut short.
    await client.query(
      `DELETE FROM migrate_upgrade.guardloop_migrations WHERE id = '0003_feedback'`,
    );
    await client.query('DROP TABLE migrate_upgrade.guardloop_feedback_outcomes');
    expect(await migrate(client, { schema: 'migrate_upgrade' })).toEqual({
      applied: ['0003_feedback'],
    });
    const { rows } = await client.query(
      `SELECT to_regclass('migrate_upgrade.guardloop_feedback_outcomes') AS name`,
    );
    expect(rows[0]).toEqual({ name: 'migrate_upgrade.guardloop_feedback_outcomes' });
  });

  it('defaults to the public schema', async () => {
    const client = await database.client();
    await migrate(client);
    const { rows } = await client.query(`SELECT to_regclass('public.guardloop_undo_log') AS name`);
    expect(rows[0]).toEqual({ name: 'guardloop_undo_log' });
  });

  it('rejects schema names that are not plain identifiers', async () => {
    const client = await database.client();
    for (const schema of [
      '',
      'Upper',
      'with space',
      'a;drop',
      'pg_catalog',
      // PostgreSQL's own, and skipped by pg_dump: guardloop's data would silently miss backups.
      'information_schema',
      'x'.repeat(64),
      42,
    ]) {
      await expect(migrate(client, { schema: schema as string })).rejects.toMatchObject({
        code: 'invalid_input',
      });
    }
  });

  it('rejects malformed arguments and honours an aborted signal', async () => {
    const client = await database.client();
    for (const [target, options] of [
      [null, {}],
      [{ query: 'no' }, {}],
      [client, null],
      [client, 'public'],
      [client, { abortSignal: 'no' }],
    ] as const) {
      await expect(migrate(target as never, options as never)).rejects.toMatchObject({
        code: 'invalid_input',
      });
    }
    await expect(
      migrate(client, { schema: 'never_created', abortSignal: AbortSignal.abort('gone') }),
    ).rejects.toBe('gone');
    const { rows } = await client.query(`SELECT to_regnamespace('never_created') AS name`);
    expect(rows[0]).toEqual({ name: null });
  });
});

describeWithPostgres('migrate (real PostgreSQL)', () => {
  const server = useTestDatabase('postgres', 'migrate_real');

  it('lets concurrent processes migrate one schema without clashing', async () => {
    const client = await server.client();
    const schema = await server.newSchema();
    await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    const results = await Promise.all(Array.from({ length: 4 }, () => migrate(client, { schema })));
    expect(results.flatMap((result) => result.applied)).toEqual(allIds);
  });
});
