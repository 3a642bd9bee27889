import { createManualClock } from '@guardloop/core';
import { createUndoLog, defineAction } from '@guardloop/undo-log';
import { newTestRecord } from '@guardloop/undo-log/test';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type RecordedStatement, recordingClient } from '../test-support/query-plans';
import { useTestDatabase } from '../test-support/test-databases';
import { createPostgresUndoLogStore } from './postgres-undo-log-store';

const database = useTestDatabase('pglite', 'undo_round_trips');
const actor = { id: 'agent-1', type: 'ai' as const };
const now = 1_700_000_000_000;
const refund = defineAction({
  name: 'refund',
  input: z.object({ order: z.string() }),
  reversible: true,
  do: (input) => ({ refunded: input.order }),
  undo: () => {},
});

async function setUp() {
  const statements: RecordedStatement[] = [];
  const client = recordingClient(await database.client(), statements);
  const store = createPostgresUndoLogStore({ client, schema: await database.newSchema() });
  const clock = createManualClock(now);
  const log = createUndoLog({ store, clock, actions: [refund], leaseMs: 10_000 });
  const verbs = () => statements.splice(0).map((statement) => statement.text.trim().split(/\s/)[0]);
  return { store, log, clock, verbs, statements };
}

describe('undo log round trips on PostgreSQL', () => {
  it('runs a new action in two statements: the intent and its result', async () => {
    const { log, verbs } = await setUp();
    const run = await log.run(
      refund,
      { order: 'o-1' },
      { idempotencyKey: 'k-1', traceId: 't', actor },
    );
    expect(run).toMatchObject({ status: 'done', result: { refunded: 'o-1' }, replayed: false });
    expect(verbs()).toEqual(['INSERT', 'UPDATE']);
  });

  it('keeps both statements of a new action prepared, one text each whatever the values', async () => {
    const { log, statements } = await setUp();
    for (const order of ['o-3', 'o-4'])
      await log.run(refund, { order }, { idempotencyKey: order, traceId: 't', actor });
    const [insert, update, secondInsert, secondUpdate] = statements.splice(0);
    expect(
      [insert, update, secondInsert, secondUpdate].map((statement) => statement?.prepare),
    ).toEqual([true, true, true, true]);
    expect(secondInsert?.text).toBe(insert?.text);
    expect(secondUpdate?.text).toBe(update?.text);
    // Whether the compare-and-set applied is its row count: no row is sent back.
    expect(update?.text).not.toMatch(/RETURNING/);
  });

  it('replays a finished action in at most three statements', async () => {
    const { log, verbs } = await setUp();
    const options = { idempotencyKey: 'k-2', traceId: 't', actor };
    await log.run(refund, { order: 'o-2' }, options);
    verbs();
    const replay = await log.run(refund, { order: 'o-2' }, options);
    expect(replay).toMatchObject({ status: 'done', result: { refunded: 'o-2' }, replayed: true });
    expect(verbs().length).toBeLessThanOrEqual(3);
  });

  it('recovers a claimed batch in two statements: the claim and one settlement', async () => {
    const { store, log, verbs } = await setUp();
    const records = Array.from({ length: 30 }, (_, index) =>
      newTestRecord({
        actionName: 'refund',
        input: { order: `o-${index}` },
        leaseOwner: 'crashed',
        leaseExpiresAt: now - 1,
      }),
    );
    for (const record of records) await store.insert(record);
    verbs();
    const { records: outcomes } = await log.recover({ limit: 50 });
    expect(outcomes.map((outcome) => outcome.outcome)).toEqual(records.map(() => 'undone'));
    // The claim is the UPDATE inside the function of migration 0013, called with a SELECT.
    expect(verbs()).toEqual(['SELECT', 'UPDATE']);
    for (const record of records) expect((await store.get(record.id))?.status).toBe('undone');
  });
});
