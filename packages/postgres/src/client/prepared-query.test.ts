import { PGlite } from '@electric-sql/pglite';
import { InvalidInputError } from '@guardloop/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithPostgres, useTestDatabase } from '../test-support/test-databases';
import { createPgClient, type PgPoolLike } from './create-pg-client';
import { createPgliteClient } from './create-pglite-client';
import type { SqlClient } from './sql-client';

let tables = 0;

/** The same statements, prepared and not, must give the same rows, counts and errors. */
function preparedQueryContract(client: () => Promise<SqlClient>) {
  const table = async () => {
    const name = `prepared_${process.pid}_${++tables}`;
    await (await client()).query(
      `CREATE TABLE ${name} (id text PRIMARY KEY, big bigint, count integer, flag boolean, doc jsonb, note text)`,
    );
    return name;
  };
  const prepare = { prepare: true };

  it('returns what the unprepared statement returns', async () => {
    const sql = await client();
    const name = await table();
    const insert = `INSERT INTO ${name} VALUES ($1, $2, $3, $4, $5::jsonb, $6) RETURNING id, big, count, flag, doc, note`;
    const row = (id: string) => [id, 9_007_199_254_740_991, 7, true, '{"a":[1,"two"]}', null];
    const plain = await sql.query(insert, row('plain'));
    const prepared = await sql.query(insert, row('prepared'), prepare);
    expect(prepared.rowCount).toBe(plain.rowCount);
    expect(prepared.rows).toEqual([{ ...plain.rows[0], id: 'prepared' }]);
    const update = `UPDATE ${name} SET flag = $2, note = NULL WHERE id = $1`;
    expect(await sql.query(update, ['prepared', false], prepare)).toEqual({
      rows: [],
      rowCount: 1,
    });
    expect(await sql.query(update, ['missing', false], prepare)).toEqual({ rows: [], rowCount: 0 });
    // Array elements with the characters an array literal must escape.
    const tricky = ['prepared', 'a"b', 'c\\d', 'e,f', '{g}', 'NULL', ''];
    const select = `SELECT id, flag FROM ${name} WHERE id = ANY($1::text[]) ORDER BY id`;
    expect(await sql.query(select, [tricky], prepare)).toEqual(await sql.query(select, [tricky]));
    expect((await sql.query(select, [tricky], prepare)).rows).toEqual([
      { id: 'prepared', flag: false },
    ]);
  });

  it('rejects an SQL error with its SQLSTATE, and the statement stays usable', async () => {
    const sql = await client();
    const name = await table();
    const insert = `INSERT INTO ${name} (id) VALUES ($1)`;
    await sql.query(insert, ['one'], prepare);
    await expect(sql.query(insert, ['one'], prepare)).rejects.toMatchObject({ code: '23505' });
    expect((await sql.query(insert, ['two'], prepare)).rowCount).toBe(1);
    await expect(
      sql.query(`SELECT no_such_column FROM ${name} WHERE id = $1`, ['x'], prepare),
    ).rejects.toMatchObject({ code: '42703' });
  });

  it('refuses a prepare option that is not a boolean', async () => {
    const sql = await client();
    await expect(sql.query('SELECT 1', [], { prepare: 'yes' } as never)).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });
}

describe('prepared statements on PGlite', () => {
  let database: PGlite;
  let client: SqlClient;
  beforeAll(async () => {
    database = new PGlite();
    client = createPgliteClient(database);
    await database.waitReady;
  }, 120_000);
  afterAll(() => database.close());
  const prepared = async (text: string) =>
    (
      await database.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM pg_prepared_statements WHERE statement = $1',
        [text],
      )
    ).rows[0]?.count;

  preparedQueryContract(async () => client);

  it('prepares a statement once and then only binds it', async () => {
    const text = `SELECT $1::int + 1 AS next`;
    expect((await client.query(text, [1], { prepare: true })).rows).toEqual([{ next: 2 }]);
    expect((await client.query(text, [2], { prepare: true })).rows).toEqual([{ next: 3 }]);
    expect(await prepared(text)).toBe(1);
    expect(await prepared(`SELECT $1::int + 2 AS next`)).toBe(0);
  });

  it('prepares it again when the session dropped it (DEALLOCATE ALL)', async () => {
    const text = `SELECT $1::text AS echo`;
    await client.query(text, ['a'], { prepare: true });
    await client.query('DEALLOCATE ALL');
    expect((await client.query(text, ['b'], { prepare: true })).rows).toEqual([{ echo: 'b' }]);
    expect(await prepared(text)).toBe(1);
  });

  it('sends a value it cannot write as text through the unprepared path', async () => {
    const text = `SELECT $1::jsonb AS doc`;
    const result = await client.query(text, [{ nested: ['x'] }], { prepare: true });
    expect(result.rows).toEqual([{ doc: { nested: ['x'] } }]);
    expect(await prepared(text)).toBe(0);
  });

  it('waits for an open transaction instead of running inside it', async () => {
    await client.query('CREATE TABLE locked_out (id text PRIMARY KEY)');
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let insertedInside = false;
    const transaction = client
      .transaction(async (inside) => {
        await inside.query(`INSERT INTO locked_out VALUES ('rolled back')`);
        insertedInside = true;
        await gate;
        throw new Error('roll back');
      })
      .catch((error: Error) => error.message);
    while (!insertedInside) await new Promise((resolve) => setTimeout(resolve, 5));
    const outside = client.query('INSERT INTO locked_out VALUES ($1)', ['kept'], {
      prepare: true,
    });
    release();
    expect(await transaction).toBe('roll back');
    await outside;
    const { rows } = await client.query('SELECT id FROM locked_out');
    expect(rows).toEqual([{ id: 'kept' }]);
  });
});

describe('prepared statements on a pg pool', () => {
  it('sends a statement marked prepare as a named one, one name per text', async () => {
    const calls: unknown[] = [];
    const pool: PgPoolLike = {
      query: async (text, params) => {
        calls.push(params === undefined ? text : [text, params]);
        return { rows: [], rowCount: 0 };
      },
      connect: async () => {
        throw new Error('not used');
      },
    };
    const client = createPgClient(pool);
    await client.query('SELECT $1', [1], { prepare: true });
    await client.query('SELECT $1', [2], { prepare: true });
    await client.query('SELECT $1, 2', [3], { prepare: true });
    await client.query('SELECT $1', [4]);
    const [first, second, third, plain] = calls as { name: string; text: string }[];
    expect(first).toEqual({
      name: expect.stringMatching(/^guardloop_/),
      text: 'SELECT $1',
      values: [1],
    });
    expect(second).toEqual({ ...first, values: [2] });
    expect(third?.name).not.toBe(first?.name);
    expect(plain).toEqual(['SELECT $1', [4]]);
  });
});

describe('createPgClient options', () => {
  const recordingPool = (calls: unknown[]): PgPoolLike => ({
    query: async (text, params) => {
      calls.push(params === undefined ? text : [text, params]);
      return { rows: [], rowCount: 0 };
    },
    connect: async () => {
      throw new Error('not used');
    },
  });

  it('sends every statement unnamed with preparedStatements: false (a pooler without them)', async () => {
    const calls: unknown[] = [];
    const client = createPgClient(recordingPool(calls), { preparedStatements: false });
    await client.query('SELECT $1', [1], { prepare: true });
    expect(calls).toEqual([['SELECT $1', [1]]]);
  });

  it('refuses malformed options with invalid_input', () => {
    for (const options of [{ preparedStatements: 'no' }, { prepared: false }, 'yes', 1]) {
      expect(() => createPgClient(recordingPool([]), options as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
  });
});

describeWithPostgres('prepared statements on a PostgreSQL server', () => {
  const database = useTestDatabase('postgres', 'prepared');
  preparedQueryContract(() => database.client());
});
