import { createInbox } from '@guardloop/inbox';
import { createUndoLog } from '@guardloop/undo-log';
import { expect, it } from 'vitest';
import { type Child, spawnChild } from '../test-support/spawn-child';
import { describeWithPostgres, useTestDatabase } from '../test-support/test-databases';
import { createPostgresUndoLogStore } from '../undo-log/postgres-undo-log-store';
import { createPostgresInboxStore } from './postgres-inbox-store';

// spawnChild runs scripts of test-support/children; the inbox's child lives with the inbox.
const child = '../../inbox/test-support/inbox-race-child.ts';

/** Starts one child per reviewer, waits until all are ready, then releases them at once. */
async function startTogether(args: (reviewer: string) => string[], reviewers: string[]) {
  const children: Child[] = reviewers.map((reviewer) => spawnChild(child, args(reviewer)));
  await Promise.all(children.map((started) => started.waitForLine('ready')));
  for (const started of children) started.send('go');
  return Promise.all(
    children.map(async (started) => {
      const line = await started.waitForLine('outcome:');
      return JSON.parse(line.slice('outcome:'.length)) as Record<string, unknown>;
    }),
  );
}

describeWithPostgres('the inbox across processes on one PostgreSQL database', (url) => {
  const database = useTestDatabase('postgres', 'inbox_multi');
  const reviewers = ['r1', 'r2', 'r3', 'r4'];

  async function escalated() {
    const client = await database.client();
    const schema = await database.newSchema();
    await client.query(
      `CREATE TABLE "${schema}".inbox_effects (name text PRIMARY KEY, runs int NOT NULL)`,
    );
    await client.query(`INSERT INTO "${schema}".inbox_effects VALUES ('o-1', 0)`);
    const store = createPostgresInboxStore({ client, schema });
    const item = await createInbox({ store }).escalate({
      traceId: 'multi-1',
      action: { name: 'refund', input: { orderId: 'o-1', amount: 30 } },
      reason: 'needs a human',
    });
    return { client, schema, store, item };
  }

  it('gives the claim to exactly one of 4 processes claiming at once', async () => {
    const { schema, store, item } = await escalated();
    const outcomes = await startTogether(
      (reviewer) => [url, schema, item.id, reviewer, 'claim'],
      reviewers,
    );
    const winners = outcomes.filter((outcome) => outcome.status === 'pending');
    expect(winners).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.error === 'lease_held')).toHaveLength(3);
    expect((await store.get(item.id))?.assignee).toBe(winners[0]?.assignee);
  }, 120_000);

  it('decides and runs the action exactly once when 4 processes approve at once', async () => {
    const { client, schema, store, item } = await escalated();
    const outcomes = await startTogether(
      (reviewer) => [url, schema, item.id, reviewer, 'approve'],
      reviewers,
    );
    expect(outcomes.filter((outcome) => outcome.status === 'approved')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.error === 'already_decided')).toHaveLength(3);
    const { rows } = await client.query<{ runs: number }>(
      `SELECT runs FROM "${schema}".inbox_effects`,
    );
    expect(rows).toEqual([{ runs: 1 }]);
    const decided = await store.get(item.id);
    expect(decided?.history.map((entry) => entry.type)).toEqual([
      'escalated',
      'approved',
      'action_completed',
    ]);
  }, 120_000);

  it('recovers an approval whose process was SIGKILLed after running the action', async () => {
    const { client, schema, store, item } = await escalated();
    const dying = spawnChild(child, [url, schema, item.id, 'r1', 'approve-then-hang']);
    await dying.waitForLine('ready');
    dying.send('go');
    await dying.waitForLine('ran');
    dying.kill('SIGKILL');
    await dying.exited;
    expect((await store.get(item.id))?.status).toBe('approving');
    // Another process recovers: the undo log's record says the action ran (its result is there).
    const undoLog = createUndoLog({
      store: createPostgresUndoLogStore({ client, schema }),
      actions: [],
    });
    const inbox = createInbox({ store, undoLog });
    const { items } = await inbox.recover({ olderThanMs: 0 });
    expect(items).toMatchObject([
      { escalationId: item.id, outcome: 'completed', item: { status: 'approved' } },
    ]);
    expect(items[0]?.item.result).toEqual({ by: expect.any(Number) });
    const { rows } = await client.query<{ runs: number }>(
      `SELECT runs FROM "${schema}".inbox_effects`,
    );
    expect(rows).toEqual([{ runs: 1 }]);
  }, 120_000);
});
