import { createManualClock, GuardloopError } from '@guardloop/core';
import { createUndoLog, defineAction } from '@guardloop/undo-log';
import { newTestRecord } from '@guardloop/undo-log/test';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useTestDatabase } from '../test-support/test-databases';
import { createPostgresUndoLogStore } from './postgres-undo-log-store';

const database = useTestDatabase('pglite', 'undo_rows');
const hasCode = (code: string) => (error: unknown) => GuardloopError.hasCode(error, code);
const noop = defineAction({
  name: 'test_action',
  input: z.unknown(),
  reversible: true,
  do: () => 'ok',
  undo: () => {},
});

async function setup() {
  const client = await database.client();
  const schema = await database.newSchema();
  const store = createPostgresUndoLogStore({ client, schema });
  const log = createUndoLog({ store, actions: [noop], clock: createManualClock(10_000) });
  return { client, schema, store, log };
}

describe('createPostgresUndoLogStore', () => {
  it('rejects missing clients and unsafe schema names', async () => {
    const client = await database.client();
    expect(() => createPostgresUndoLogStore({} as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => createPostgresUndoLogStore({ client: { query() {} } as never })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => createPostgresUndoLogStore({ client, schema: 'x"; DROP TABLE y; --' })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });

  it('keeps records of different schemas apart', async () => {
    const first = await setup();
    const second = await setup();
    const record = newTestRecord();
    await first.store.insert(record);
    expect(await second.store.get(record.id)).toBeUndefined();
    expect((await second.store.insert(record)).inserted).toBe(true);
  });

  it('reports rows damaged in the database as malformed records', async () => {
    const { client, schema, store, log } = await setup();
    const record = newTestRecord({ status: 'done', leaseOwner: null, leaseExpiresAt: null });
    await store.insert(record);
    await client.query(
      `UPDATE "${schema}".guardloop_undo_log SET actor = '"nobody"'::jsonb WHERE id = $1`,
      [record.id],
    );
    await expect(log.getRecord(record.id)).rejects.toSatisfy(hasCode('malformed_record'));
    await expect(
      log.undo(record.id, { by: { id: 'a', type: 'human' }, reason: 'x' }),
    ).rejects.toSatisfy(hasCode('malformed_record'));
    await expect(
      log.undoTrace(record.traceId, { by: { id: 'a', type: 'human' }, reason: 'x' }),
    ).rejects.toSatisfy(hasCode('malformed_record'));
  });

  it('refuses rows with an unknown status at the database level', async () => {
    const { client, schema, store } = await setup();
    const record = newTestRecord();
    await store.insert(record);
    await expect(
      client.query(`UPDATE "${schema}".guardloop_undo_log SET status = 'exploded' WHERE id = $1`, [
        record.id,
      ]),
    ).rejects.toThrow(/check constraint/);
  });

  it('rejects a duplicate action id even under a new idempotency key', async () => {
    const { store } = await setup();
    const record = newTestRecord();
    await store.insert(record);
    await expect(store.insert({ ...record, idempotencyKey: 'another' })).rejects.toThrow();
  });
});
