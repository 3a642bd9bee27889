import { expect, it } from 'vitest';
import { createPostgresCounterStore } from '../counter/postgres-counter-store';
import { migrate } from '../migrations/migrate';
import { migrations } from '../migrations/migrations';
import { describeWithPostgres, useRepeatableReadDatabase } from '../test-support/test-databases';

describeWithPostgres('transactions on a server whose default is REPEATABLE READ', () => {
  const database = useRepeatableReadDatabase('isolation');

  it('run at READ COMMITTED unless asked otherwise', async () => {
    const client = await database.client();
    const level = async (options?: Parameters<typeof client.transaction>[1]) =>
      client.transaction(async (transaction) => {
        const { rows } = await transaction.query<{ transaction_isolation: string }>(
          'SHOW transaction_isolation',
        );
        return rows[0]?.transaction_isolation;
      }, options);
    const { rows } = await client.query('SHOW default_transaction_isolation');
    expect(rows).toEqual([{ default_transaction_isolation: 'repeatable read' }]);
    expect(await level()).toBe('read committed');
    expect(await level({ isolationLevel: 'serializable' })).toBe('serializable');
  });

  it('re-runs work that PostgreSQL aborted with a serialization failure', async () => {
    const client = await database.client();
    const other = await database.separateClient();
    const schema = await database.newSchema();
    await client.query(`CREATE TABLE "${schema}".tally (id int PRIMARY KEY, value int)`);
    await client.query(`INSERT INTO "${schema}".tally VALUES (1, 0)`);
    let attempts = 0;
    await client.transaction(
      async (transaction) => {
        attempts += 1;
        await transaction.query(`SELECT value FROM "${schema}".tally WHERE id = 1`); // snapshot
        // The first attempt's snapshot predates this committed update: its own update fails with 40001.
        if (attempts === 1) await other.query(`UPDATE "${schema}".tally SET value = value + 1`);
        await transaction.query(`UPDATE "${schema}".tally SET value = value + 1 WHERE id = 1`);
      },
      { isolationLevel: 'repeatable read' },
    );
    expect(attempts).toBe(2);
    const { rows } = await client.query(`SELECT value FROM "${schema}".tally`);
    expect(rows).toEqual([{ value: 2 }]);
  });

  it('lets 4 separate pools migrate one schema at once', async () => {
    const clients = await Promise.all(Array.from({ length: 4 }, () => database.separateClient()));
    const schema = `isolation_migrate_${process.pid}`;
    const results = await Promise.all(clients.map((client) => migrate(client, { schema })));
    // Each migration applied exactly once, in order, by whichever caller got the lock first.
    expect(results.flatMap((result) => result.applied)).toEqual(
      migrations.map((migration) => migration.id),
    );
    expect(await migrate(clients[0] ?? (await database.client()), { schema })).toEqual({
      applied: [],
    });
  });

  it('keeps incrementIfWithin from overshooting across pools', async () => {
    const schema = await database.newSchema();
    const stores = await Promise.all(
      Array.from({ length: 4 }, async () =>
        createPostgresCounterStore({ client: await database.separateClient(), schema }),
      ),
    );
    const window = { from: 0, to: 60_000, limit: 20 };
    const results = await Promise.all(
      Array.from({ length: 48 }, (_, index) =>
        stores[index % 4]?.incrementIfWithin('replies:acme', 0, 1, window),
      ),
    );
    expect(results.filter((result) => result?.applied)).toHaveLength(20);
    expect(await stores[0]?.sum('replies:acme', 0, 60_000)).toBe(20);
  });
});
