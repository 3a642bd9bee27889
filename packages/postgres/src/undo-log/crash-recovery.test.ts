import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createManualClock } from '@guardloop/core';
import { createUndoLog, type RecoveryPolicy } from '@guardloop/undo-log';
import { afterEach, describe, expect, it } from 'vitest';
import { createMarkerAction } from '../test-support/marker-action';
import { openStore } from '../test-support/open-store';
import { spawnChild } from '../test-support/spawn-child';
import { describeWithPostgres, realDatabaseUrl } from '../test-support/test-databases';

const directories: string[] = [];
afterEach(async () => {
  for (const directory of directories.splice(0))
    await rm(directory, { recursive: true, force: true });
});

/**
 * Kills a child mid-action (after its `do` wrote the marker), then recovers in this process.
 * The child's lease (60 s) must expire first: the recovering clock runs an hour ahead.
 */
async function crashThenRecover(
  location: string | undefined,
  schema: string,
  policy: RecoveryPolicy,
) {
  const directory = await mkdtemp(join(tmpdir(), 'guardloop-crash-'));
  directories.push(directory);
  const database = location ?? join(directory, 'pglite');
  const marker = join(directory, 'marker');
  const child = spawnChild('crash-child.ts', [database, schema, marker]);
  await child.waitForLine('marker-written');
  child.kill('SIGKILL');
  expect(await child.exited).toBe('SIGKILL');

  const { store, close } = await openStore(database, schema);
  try {
    const actions = [createMarkerAction({ hangAfterWriting: false })];
    const now = createUndoLog({ store, actions, clock: createManualClock(Date.now()) });
    const stranded = await store.getByIdempotencyKey('crash-marker');
    expect(stranded).toMatchObject({
      status: 'pending',
      input: { path: marker },
      snapshot: { existed: false },
    });
    expect((await now.recover({ policy })).records).toEqual([]);

    const later = createUndoLog({
      store,
      actions,
      clock: createManualClock(Date.now() + 3_600_000),
    });
    const { records } = await later.recover({ policy });
    const record = await store.getByIdempotencyKey('crash-marker');
    return { records, record, markerExists: existsSync(marker) };
  } finally {
    await close();
  }
}

describe('crash recovery after SIGKILL (PGlite file store)', () => {
  it('completes the action when isComplete finds its effect', async () => {
    const { records, record, markerExists } = await crashThenRecover(
      undefined,
      'crash_complete',
      'complete-or-undo',
    );
    expect(records).toMatchObject([
      { actionName: 'write_marker', from: 'pending', outcome: 'completed' },
    ]);
    expect(record).toMatchObject({ status: 'done', leaseOwner: null });
    expect(markerExists).toBe(true);
  });

  it("rolls the action back under the 'undo' policy", async () => {
    const { records, record, markerExists } = await crashThenRecover(
      undefined,
      'crash_undo',
      'undo',
    );
    expect(records).toMatchObject([{ outcome: 'undone' }]);
    expect(record).toMatchObject({ status: 'undone', undo: { by: { type: 'system' } } });
    expect(markerExists).toBe(false);
  });
});

describeWithPostgres('crash recovery after SIGKILL (real PostgreSQL)', () => {
  it('rolls back the action of the killed process', async () => {
    const schema = `crash_real_${process.pid}`;
    const { records, markerExists } = await crashThenRecover(realDatabaseUrl, schema, 'undo');
    expect(records).toMatchObject([{ outcome: 'undone' }]);
    expect(markerExists).toBe(false);
    const { client, close } = await openStore(realDatabaseUrl ?? '', schema);
    await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    await close();
  });
});
