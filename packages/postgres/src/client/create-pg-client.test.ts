import { describe, expect, it } from 'vitest';
import { describeWithPostgres, useTestDatabase } from '../test-support/test-databases';
import { createPgClient, type PgConnectionLike, type PgPoolLike } from './create-pg-client';

/** A pool double that records statements and how connections were released. */
function recordingPool(failOn?: string) {
  const statements: string[] = [];
  const releases: unknown[] = [];
  const run = async (text: string) => {
    statements.push(text);
    if (text === failOn) throw new Error(`${text} failed`);
    return { rows: [{ ok: true }], rowCount: null };
  };
  const connection: PgConnectionLike = {
    query: run,
    release: (destroy) => void releases.push(destroy),
  };
  const pool: PgPoolLike = { query: run, connect: async () => connection };
  return { pool, statements, releases };
}

describe('createPgClient', () => {
  it('wraps work in BEGIN/COMMIT on one connection and releases it', async () => {
    const { pool, statements, releases } = recordingPool();
    const client = createPgClient(pool);
    const result = await client.transaction(
      async (transaction) => (await transaction.query('SELECT 1')).rowCount,
    );
    expect(result).toBe(1);
    expect(statements).toEqual(['BEGIN', 'SELECT 1', 'COMMIT']);
    expect(releases).toEqual([false]);
  });

  it('rolls back and rethrows when the work fails', async () => {
    const { pool, statements, releases } = recordingPool('SELECT 2');
    await expect(
      createPgClient(pool).transaction((transaction) => transaction.query('SELECT 2')),
    ).rejects.toThrow('SELECT 2 failed');
    expect(statements).toEqual(['BEGIN', 'SELECT 2', 'ROLLBACK']);
    expect(releases).toEqual([false]);
  });

  it('destroys the connection when even the rollback fails', async () => {
    const { pool, releases } = recordingPool('ROLLBACK');
    await expect(
      createPgClient(pool).transaction(async () => {
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    expect(releases[0]).toBeInstanceOf(Error);
  });
});

describeWithPostgres('createPgClient (real PostgreSQL)', () => {
  const server = useTestDatabase('postgres', 'pgclient');

  it('commits and rolls back real transactions', async () => {
    const client = await server.client();
    const schema = await server.newSchema();
    await client.query(`CREATE TABLE "${schema}".entries (entry text)`);
    await client.transaction((transaction) =>
      transaction.query(`INSERT INTO "${schema}".entries VALUES ('kept')`),
    );
    await expect(
      client.transaction(async (transaction) => {
        await transaction.query(`INSERT INTO "${schema}".entries VALUES ('lost')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { rows, rowCount } = await client.query(`SELECT entry FROM "${schema}".entries`);
    expect({ rows, rowCount }).toEqual({ rows: [{ entry: 'kept' }], rowCount: 1 });
  });
});
