import { createServer } from 'node:net';
import { StoreUnavailableError } from '@guardloop/core';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  describeWithPostgres,
  realDatabaseUrl,
  useTestDatabase,
} from '../test-support/test-databases';
import { createPgClient, type PgConnectionLike, type PgPoolLike } from './create-pg-client';

const driverError = (code: string) => Object.assign(new Error(`driver ${code}`), { code });

/**
 * A pool double that records statements and how connections were released. `failOn` maps a
 * statement to what it throws (a plain string: an Error with that message), the first
 * `times` times (default always).
 */
function recordingPool(failOn?: string, failure?: unknown, times = Number.POSITIVE_INFINITY) {
  const statements: string[] = [];
  const releases: unknown[] = [];
  let failures = 0;
  const run = async (text: string) => {
    statements.push(text);
    if (text === failOn && failures < times) {
      failures += 1;
      throw failure ?? new Error(`${text} failed`);
    }
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
    expect(statements).toEqual(['BEGIN ISOLATION LEVEL READ COMMITTED', 'SELECT 1', 'COMMIT']);
    expect(releases).toEqual([false]);
  });

  it('rolls back and rethrows when the work fails', async () => {
    const { pool, statements, releases } = recordingPool('SELECT 2');
    await expect(
      createPgClient(pool).transaction((transaction) => transaction.query('SELECT 2')),
    ).rejects.toThrow('SELECT 2 failed');
    expect(statements).toEqual(['BEGIN ISOLATION LEVEL READ COMMITTED', 'SELECT 2', 'ROLLBACK']);
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

  it('sets the isolation level on every transaction, and the one asked for', async () => {
    const { pool, statements } = recordingPool();
    const client = createPgClient(pool);
    await client.transaction(async () => {}, { isolationLevel: 'serializable' });
    await client.transaction(async () => {}, { isolationLevel: 'repeatable read' });
    expect(statements).toEqual([
      'BEGIN ISOLATION LEVEL SERIALIZABLE',
      'COMMIT',
      'BEGIN ISOLATION LEVEL REPEATABLE READ',
      'COMMIT',
    ]);
  });

  it('re-runs the whole work after a serialization failure or deadlock, a bounded number of times', async () => {
    for (const code of ['40001', '40P01']) {
      const { pool, statements } = recordingPool('UPDATE', driverError(code), 2);
      let runs = 0;
      const result = await createPgClient(pool).transaction(async (transaction) => {
        runs += 1;
        await transaction.query('UPDATE');
        return runs;
      });
      expect(result).toBe(3);
      expect(statements.filter((text) => text === 'ROLLBACK')).toHaveLength(2);
    }
    const { pool } = recordingPool('UPDATE', driverError('40001'));
    let runs = 0;
    const failed = createPgClient(pool).transaction(
      async (transaction) => {
        runs += 1;
        await transaction.query('UPDATE');
      },
      { maxAttempts: 2 },
    );
    await expect(failed).rejects.toSatisfy(StoreUnavailableError.isInstance);
    await expect(failed).rejects.toMatchObject({
      code: 'store_unavailable',
      isRetryable: true,
      operation: 'transaction',
      effectMayHaveHappened: false,
      cause: { code: '40001' },
    });
    expect(runs).toBe(2);
  });

  it('retries a serialization failure reported by COMMIT', async () => {
    const { pool, statements } = recordingPool('COMMIT', driverError('40001'), 1);
    await createPgClient(pool).transaction((transaction) => transaction.query('UPDATE'));
    expect(statements.filter((text) => text === 'UPDATE')).toHaveLength(2);
  });

  it('retries a lone statement rolled back by a serialization failure', async () => {
    const { pool, statements } = recordingPool('UPDATE', driverError('40001'), 1);
    await createPgClient(pool).query('UPDATE');
    expect(statements).toEqual(['UPDATE', 'UPDATE']);
  });

  it('reports a connection lost during COMMIT as possibly committed, and destroys it', async () => {
    const { pool, releases } = recordingPool('COMMIT', driverError('ECONNRESET'));
    await expect(
      createPgClient(pool).transaction((transaction) => transaction.query('INSERT')),
    ).rejects.toMatchObject({
      code: 'store_unavailable',
      operation: 'commit',
      effectMayHaveHappened: true,
    });
    // ROLLBACK went through on the double, so the connection is released normally.
    expect(releases).toEqual([false]);
  });

  it('reports a failed connect as nothing done', async () => {
    const refused = driverError('ECONNREFUSED');
    const pool: PgPoolLike = {
      query: async () => {
        throw refused;
      },
      connect: async () => {
        throw refused;
      },
    };
    const client = createPgClient(pool);
    await expect(client.transaction(async () => {})).rejects.toMatchObject({
      code: 'store_unavailable',
      operation: 'connect',
      effectMayHaveHappened: false,
      cause: refused,
    });
    await expect(client.query('SELECT 1')).rejects.toMatchObject({
      operation: 'query',
      effectMayHaveHappened: false,
    });
  });

  it('never commits a transaction whose work swallowed a failed statement', async () => {
    const { pool, statements } = recordingPool('INSERT', driverError('23505'));
    const failed = createPgClient(pool).transaction(async (transaction) => {
      await transaction.query('INSERT').catch(() => {});
      return 'looks fine';
    });
    // The double's probe succeeds (as after a ROLLBACK TO SAVEPOINT), so this one commits...
    await expect(failed).resolves.toBe('looks fine');
    expect(statements).toContain('SELECT 1');
    // ...while an aborted transaction (the probe fails) rejects with the swallowed error.
    const aborted = recordingPool('INSERT', driverError('23505'));
    const probeFails = {
      ...aborted.pool,
      connect: async () => {
        const connection = await aborted.pool.connect();
        return {
          ...connection,
          query: async (text: string) => {
            if (text === 'SELECT 1') throw driverError('25P02');
            return connection.query(text);
          },
        };
      },
    };
    await expect(
      createPgClient(probeFails).transaction(async (transaction) => {
        await transaction.query('INSERT').catch(() => {});
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(aborted.statements).not.toContain('COMMIT');
  });

  it('passes SQL errors through unchanged', async () => {
    const unique = driverError('23505');
    const { pool } = recordingPool('INSERT', unique);
    const client = createPgClient(pool);
    await expect(client.query('INSERT')).rejects.toBe(unique);
    await expect(client.transaction((transaction) => transaction.query('INSERT'))).rejects.toBe(
      unique,
    );
  });

  it('rejects malformed options and honours an aborted signal', async () => {
    const { pool, statements } = recordingPool();
    const client = createPgClient(pool);
    for (const options of [
      { isolationLevel: 'read uncommitted' },
      { maxAttempts: 0 },
      { abortSignal: 'no' },
      null,
    ]) {
      await expect(client.transaction(async () => {}, options as never)).rejects.toMatchObject({
        code: 'invalid_input',
      });
    }
    const signal = AbortSignal.abort('gone');
    await expect(client.transaction(async () => {}, { abortSignal: signal })).rejects.toBe('gone');
    await expect(client.query('SELECT 1', [], { abortSignal: signal })).rejects.toBe('gone');
    expect(statements).toEqual([]);
  });

  it('listens for idle-connection errors, which would otherwise kill the process', () => {
    const events: string[] = [];
    const { pool } = recordingPool();
    createPgClient({ ...pool, on: (event: string) => void events.push(event) } as PgPoolLike);
    expect(events).toEqual(['error']);
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

/** A local port nothing listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

describe('createPgClient (server unreachable)', () => {
  it('rejects with store_unavailable when the connection is refused', async () => {
    const pool = new pg.Pool({ host: '127.0.0.1', port: await closedPort(), user: 'nobody' });
    const client = createPgClient(pool);
    try {
      const query = client.query('SELECT 1');
      await expect(query).rejects.toSatisfy(StoreUnavailableError.isInstance);
      await expect(query).rejects.toMatchObject({
        code: 'store_unavailable',
        isRetryable: true,
        operation: 'query',
        effectMayHaveHappened: false,
        cause: { code: 'ECONNREFUSED' },
      });
      await expect(client.transaction(async () => {})).rejects.toMatchObject({
        code: 'store_unavailable',
        operation: 'connect',
        effectMayHaveHappened: false,
      });
    } finally {
      await pool.end();
    }
  });
});

describeWithPostgres('createPgClient (terminated backends)', () => {
  const server = useTestDatabase('postgres', 'pgclient_terminated');

  it('wraps a backend terminated mid-query or mid-transaction, and recovers', async () => {
    const pool = new pg.Pool({ connectionString: realDatabaseUrl, max: 2 });
    const client = createPgClient(pool);
    try {
      const schema = await server.newSchema();
      await client.query(`CREATE TABLE "${schema}".entries (entry text)`);
      // A lone statement that dies may have run: the caller is told so.
      await expect(
        client.query('SELECT pg_terminate_backend(pg_backend_pid())'),
      ).rejects.toMatchObject({
        code: 'store_unavailable',
        operation: 'query',
        effectMayHaveHappened: true,
        cause: { code: '57P01' },
      });
      // Inside a transaction nothing was committed.
      await expect(
        client.transaction(async (transaction) => {
          await transaction.query(`INSERT INTO "${schema}".entries VALUES ('lost')`);
          await transaction.query('SELECT pg_terminate_backend(pg_backend_pid())');
        }),
      ).rejects.toMatchObject({
        code: 'store_unavailable',
        operation: 'transaction',
        effectMayHaveHappened: false,
      });
      // Another session kills an idle pooled connection: the pool's 'error' must not crash us.
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const removed = new Promise((resolve) => pool.once('remove', resolve));
      const otherPool = new pg.Pool({ connectionString: realDatabaseUrl, max: 1 });
      await createPgClient(otherPool).query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
      await otherPool.end();
      await removed;
      const count = await client.query(`SELECT count(*)::int AS n FROM "${schema}".entries`);
      expect(count.rows).toEqual([{ n: 0 }]);
    } finally {
      await pool.end();
    }
  });

  it('passes constraint violations through with their SQLSTATE', async () => {
    const client = await server.client();
    const schema = await server.newSchema();
    await client.query(`CREATE TABLE "${schema}".keys (key text PRIMARY KEY)`);
    await client.query(`INSERT INTO "${schema}".keys VALUES ('a')`);
    await expect(client.query(`INSERT INTO "${schema}".keys VALUES ('a')`)).rejects.toMatchObject({
      code: '23505',
    });
    const swallowed = client.transaction(async (transaction) => {
      await transaction.query(`INSERT INTO "${schema}".keys VALUES ('b')`);
      await transaction.query(`INSERT INTO "${schema}".keys VALUES ('a')`).catch(() => {});
      return 'committed?';
    });
    // PostgreSQL would turn the COMMIT of the aborted transaction into a silent ROLLBACK.
    await expect(swallowed).rejects.toMatchObject({ code: '23505' });
    const { rows } = await client.query(`SELECT key FROM "${schema}".keys ORDER BY key`);
    expect(rows).toEqual([{ key: 'a' }]);
  });
});
