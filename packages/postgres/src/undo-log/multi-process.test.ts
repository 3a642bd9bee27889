import { newTestRecord } from '@guardloop/undo-log/test';
import { expect, it } from 'vitest';
import { type Child, spawnChild } from '../test-support/spawn-child';
import { describeWithPostgres, useTestDatabase } from '../test-support/test-databases';
import { createPostgresUndoLogStore } from './postgres-undo-log-store';

/** Starts `count` children, waits until all are ready, then releases them at once. */
async function startTogether(count: number, script: string, args: string[]): Promise<Child[]> {
  const children = Array.from({ length: count }, () => spawnChild(script, args));
  await Promise.all(children.map((child) => child.waitForLine('ready')));
  for (const child of children) child.send('go');
  return children;
}

const payload = (line: string) => JSON.parse(line.slice(line.indexOf(':') + 1)) as unknown;

describeWithPostgres('several processes on one PostgreSQL database', (url) => {
  const database = useTestDatabase('postgres', 'multi');

  it('runs do exactly once when 4 processes race on one idempotency key', async () => {
    const client = await database.client();
    const schema = await database.newSchema();
    await client.query(
      `CREATE TABLE "${schema}".race_counter (name text PRIMARY KEY, runs int NOT NULL)`,
    );
    await client.query(`INSERT INTO "${schema}".race_counter VALUES ('shared', 0)`);
    const children = await startTogether(4, 'race-child.ts', [url, schema, 'race-key']);
    const outcomes = await Promise.all(
      children.map(async (child) => payload(await child.waitForLine('outcome:'))),
    );

    const { rows } = await client.query<{ runs: number }>(
      `SELECT runs FROM "${schema}".race_counter`,
    );
    expect(rows).toEqual([{ runs: 1 }]);
    expect(
      outcomes.filter(
        (outcome) => JSON.stringify(outcome) === '{"status":"done","replayed":false}',
      ),
    ).toHaveLength(1);
    for (const outcome of outcomes) {
      expect([
        { status: 'done', replayed: false },
        { status: 'done', replayed: true },
        { error: 'action_in_progress' },
      ]).toContainEqual(outcome);
    }
  });

  it('recovers each stranded record in exactly one of 4 concurrent processes', async () => {
    const client = await database.client();
    const schema = await database.newSchema();
    await client.query(
      `CREATE TABLE "${schema}".undo_effects (action_id text NOT NULL, pid int NOT NULL)`,
    );
    const store = createPostgresUndoLogStore({ client, schema });
    const stranded = Array.from({ length: 40 }, (_, n) =>
      newTestRecord({ actionName: 'note', input: { n }, leaseOwner: 'dead', leaseExpiresAt: 1 }),
    );
    for (const record of stranded) await store.insert(record);

    const children = await startTogether(4, 'recover-child.ts', [url, schema]);
    const reports = await Promise.all(
      children.map(async (child) => payload(await child.waitForLine('recovered:'))),
    );
    const recovered = (reports as [string, string][][]).flat();
    expect(recovered.map(([id]) => id).sort()).toEqual(stranded.map((record) => record.id).sort());
    expect(new Set(recovered.map(([, outcome]) => outcome))).toEqual(new Set(['undone']));
    const { rows } = await client.query<{ action_id: string; undos: string }>(
      `SELECT action_id, count(*) AS undos FROM "${schema}".undo_effects GROUP BY action_id`,
    );
    expect(rows).toHaveLength(40);
    expect(rows.every((row) => Number(row.undos) === 1)).toBe(true);
  });
});
