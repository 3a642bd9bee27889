import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../test-support/test-databases';

const database = useTestDatabase('pglite', 'client');

describe('createPgliteClient', () => {
  it('runs parameterised queries and reports row counts', async () => {
    const client = await database.client();
    await client.query('CREATE TABLE IF NOT EXISTS items (id int PRIMARY KEY, label text)');
    const inserted = await client.query('INSERT INTO items VALUES ($1, $2), ($3, $4)', [
      1,
      'a',
      2,
      'b',
    ]);
    expect(inserted.rowCount).toBe(2);
    const selected = await client.query<{ label: string }>(
      'SELECT label FROM items WHERE id = ANY($1::int[]) ORDER BY id',
      [[1, 2]],
    );
    expect(selected).toEqual({ rows: [{ label: 'a' }, { label: 'b' }], rowCount: 2 });
  });

  it('commits a transaction, rolls back a failed one, and joins nested ones', async () => {
    const client = await database.client();
    await client.query('CREATE TABLE IF NOT EXISTS ledger (entry text)');
    await client.transaction(async (transaction) => {
      await transaction.query(`INSERT INTO ledger VALUES ('kept')`);
      await transaction.transaction((nested) =>
        nested.query(`INSERT INTO ledger VALUES ('nested')`),
      );
    });
    await expect(
      client.transaction(async (transaction) => {
        await transaction.query(`INSERT INTO ledger VALUES ('lost')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { rows } = await client.query<{ entry: string }>(
      'SELECT entry FROM ledger ORDER BY entry',
    );
    expect(rows.map((row) => row.entry)).toEqual(['kept', 'nested']);
  });

  it('sets the isolation level on every transaction, whatever the database default', async () => {
    const client = await database.client();
    await client.query(
      `ALTER DATABASE postgres SET default_transaction_isolation = 'repeatable read'`,
    );
    await client.query(`SET default_transaction_isolation = 'repeatable read'`);
    try {
      const level = (options?: Parameters<typeof client.transaction>[1]) =>
        client.transaction(async (transaction) => {
          const { rows } = await transaction.query<{ transaction_isolation: string }>(
            'SHOW transaction_isolation',
          );
          return rows[0]?.transaction_isolation;
        }, options);
      expect(await level()).toBe('read committed');
      expect(await level({ isolationLevel: 'serializable' })).toBe('serializable');
    } finally {
      await client.query('ALTER DATABASE postgres RESET default_transaction_isolation');
      await client.query('RESET default_transaction_isolation');
    }
  });

  it('never commits a transaction whose work swallowed a failed statement', async () => {
    const client = await database.client();
    await client.query('CREATE TABLE IF NOT EXISTS unique_keys (key text PRIMARY KEY)');
    await client.query(`INSERT INTO unique_keys VALUES ('a')`);
    const swallowed = client.transaction(async (transaction) => {
      await transaction.query(`INSERT INTO unique_keys VALUES ('b')`);
      await transaction.query(`INSERT INTO unique_keys VALUES ('a')`).catch(() => {});
      return 'committed?';
    });
    // PGlite's COMMIT of the aborted transaction would silently roll it back.
    await expect(swallowed).rejects.toMatchObject({ code: '23505' });
    const { rows } = await client.query('SELECT key FROM unique_keys ORDER BY key');
    expect(rows).toEqual([{ key: 'a' }]);
  });

  it('rejects malformed options with invalid_input', async () => {
    const client = await database.client();
    await expect(
      client.transaction(async () => {}, { isolationLevel: 'chaos' } as never),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      client.query('SELECT 1', [], { abortSignal: AbortSignal.abort('gone') }),
    ).rejects.toBe('gone');
  });
});
