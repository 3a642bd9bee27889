import { describe, expect, it } from 'vitest';
import { realDatabaseUrl, useTestDatabase } from '../test-support/test-databases';
import type { SqlClient } from './sql-client';

const kinds = ['pglite', ...(realDatabaseUrl ? (['postgres'] as const) : [])] as const;

const keys = async (client: SqlClient, table: string) =>
  (await client.query<{ key: string }>(`SELECT key FROM ${table} ORDER BY key`)).rows.map(
    (row) => row.key,
  );

describe.each(kinds)('transactions over %s, used carelessly', (kind) => {
  const database = useTestDatabase(kind, 'hostile_tx');
  let tables = 0;
  const freshTable = async () => {
    const client = await database.client();
    const schema = await database.newSchema();
    const table = `"${schema}".probe_${++tables}`;
    await client.query(`CREATE TABLE ${table} (key text PRIMARY KEY)`);
    return { client, table };
  };

  it('commits nothing once its signal aborted mid-work, and rejects with the reason', async () => {
    const { client, table } = await freshTable();
    const controller = new AbortController();
    const outcome = client.transaction(
      async (transaction) => {
        await transaction.query(`INSERT INTO ${table} VALUES ('before')`);
        controller.abort(new Error('caller gave up'));
        await transaction.query(`INSERT INTO ${table} VALUES ('after')`);
      },
      { abortSignal: controller.signal },
    );
    await expect(outcome).rejects.toThrow('caller gave up');
    expect(await keys(client, table)).toEqual([]);
  });

  it('commits nothing when the signal aborts after the last statement of work', async () => {
    const { client, table } = await freshTable();
    const controller = new AbortController();
    const outcome = client.transaction(
      async (transaction) => {
        await transaction.query(`INSERT INTO ${table} VALUES ('written')`);
        controller.abort(new Error('too late'));
      },
      { abortSignal: controller.signal },
    );
    await expect(outcome).rejects.toThrow('too late');
    expect(await keys(client, table)).toEqual([]);
  });

  it('rethrows what the work throws after a failed statement, and commits nothing', async () => {
    const { client, table } = await freshTable();
    await client.query(`INSERT INTO ${table} VALUES ('a')`);
    const outcome = client.transaction(async (transaction) => {
      await transaction.query(`INSERT INTO ${table} VALUES ('b')`);
      await transaction.query(`INSERT INTO ${table} VALUES ('a')`).catch(() => {});
      throw new Error('work gave up');
    });
    await expect(outcome).rejects.toThrow('work gave up');
    expect(await keys(client, table)).toEqual(['a']);
    // The connection went back clean: the next transaction works.
    await client.transaction((transaction) =>
      transaction.query(`INSERT INTO ${table} VALUES ('c')`),
    );
    expect(await keys(client, table)).toEqual(['a', 'c']);
  });

  it('rolls back a nested transaction that failed, even when the outer one carries on', async () => {
    const { client, table } = await freshTable();
    await client.transaction(async (outer) => {
      await outer.query(`INSERT INTO ${table} VALUES ('outer')`);
      await outer
        .transaction(async (inner) => {
          await inner.query(`INSERT INTO ${table} VALUES ('inner')`);
          throw new Error('inner failed');
        })
        .catch(() => {});
      await outer
        .transaction(async (inner) => {
          await inner.query(`INSERT INTO ${table} VALUES ('outer')`); // duplicate key
        })
        .catch(() => {});
      await outer.transaction((inner) => inner.query(`INSERT INTO ${table} VALUES ('kept')`));
    });
    expect(await keys(client, table)).toEqual(['kept', 'outer']);
  });

  it('answers malformed statements and work with invalid_input, inside transactions too', async () => {
    const client = await database.client();
    const invalid = { code: 'invalid_input' };
    const malformed = async (target: SqlClient) => {
      for (const [text, params] of [
        [undefined, undefined],
        ['', undefined],
        ['SELECT $1', 'not an array'],
        [{ text: 'SELECT 1' }, undefined],
      ] as const) {
        await expect(target.query(text as never, params as never)).rejects.toMatchObject(invalid);
      }
      await expect(target.transaction(undefined as never)).rejects.toMatchObject(invalid);
    };
    await malformed(client);
    await client.transaction(async (transaction) => {
      await malformed(transaction);
      // Refused before anything was sent: the transaction is still usable.
      await transaction.query('SELECT 1');
    });
  });
});
