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
});
