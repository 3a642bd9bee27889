import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnChild } from '../test-support/spawn-child';
import { createPgliteClient } from './create-pglite-client';
import { openPgliteDirectory } from './open-pglite-directory';

const directories: string[] = [];
const freshDirectory = async () => {
  const directory = await mkdtemp(join(tmpdir(), 'guardloop-open-'));
  directories.push(directory);
  return directory;
};
afterEach(async () => {
  for (const directory of directories.splice(0))
    await rm(directory, { recursive: true, force: true });
});

// Each PGlite boot takes seconds on a busy machine.
const slow = 180_000;

describe('openPgliteDirectory', () => {
  it(
    'refuses a second process at once, and lets the next one in after a clean close',
    async () => {
      const directory = await freshDirectory();
      const holder = spawnChild('pglite-lock-child.ts', [directory, 'first']);
      await holder.waitForLine('opened');
      holder.send('write');
      await holder.waitForLine('wrote:1');

      const second = spawnChild('pglite-lock-child.ts', [directory, 'second']);
      expect(await second.waitForLine('failed:')).toBe(`failed:database_locked:${directory}`);
      expect(await second.exited).toBe(0);

      holder.send('close');
      await holder.waitForLine('closed');
      expect(await holder.exited).toBe(0);
      const { client, close } = await openPgliteDirectory(directory);
      const { rows } = await client.query('SELECT writer, n FROM writes');
      expect(rows).toEqual([{ writer: 'first', n: 1 }]);
      await close();
    },
    slow,
  );

  it(
    'takes over the lock of a SIGKILLed holder, keeping its confirmed writes',
    async () => {
      const directory = await freshDirectory();
      const holder = spawnChild('pglite-lock-child.ts', [directory, 'killed']);
      await holder.waitForLine('opened');
      for (let n = 1; n <= 3; n += 1) {
        holder.send('write');
        await holder.waitForLine(`wrote:${n}`);
      }
      holder.kill('SIGKILL');
      expect(await holder.exited).toBe('SIGKILL');

      const reopened = await openPgliteDirectory(directory);
      const { rows } = await reopened.client.query<{ n: number }>(
        'SELECT n FROM writes ORDER BY n',
      );
      expect(rows.map((row) => row.n)).toEqual([1, 2, 3]);
      // This process now holds it: neither another open nor a bare instance gets in.
      await expect(openPgliteDirectory(directory)).rejects.toMatchObject({
        code: 'database_locked',
        directory,
      });
      await reopened.close();
      await reopened.close(); // idempotent
      const again = await openPgliteDirectory(directory);
      await again.close();
    },
    slow,
  );

  it(
    'locks a directory given to createPgliteClient as a bare instance',
    async () => {
      const directory = await freshDirectory();
      const opened = await openPgliteDirectory(directory);
      const bare = new PGlite(join(directory, 'other'));
      try {
        // A bare instance on another directory takes that directory's lock...
        const client = createPgliteClient(bare);
        createPgliteClient(bare); // (a second client over one instance is fine)
        await client.query('SELECT 1');
        await expect(openPgliteDirectory(join(directory, 'other'))).rejects.toMatchObject({
          code: 'database_locked',
        });
      } finally {
        await bare.close();
      }
      // ...which is reclaimable once that instance is closed.
      await (await openPgliteDirectory(join(directory, 'other'))).close();
      // A bare instance on a directory held by openPgliteDirectory is refused.
      expect(() => createPgliteClient({ ...bare, dataDir: directory } as never)).toThrow(
        expect.objectContaining({ code: 'database_locked', directory }),
      );
      await opened.close();
    },
    slow,
  );

  it(
    'lets this process open a directory again after its instance was closed directly',
    async () => {
      const directory = await freshDirectory();
      const first = await openPgliteDirectory(directory);
      await first.database.close(); // not first.close(): the lock file stays behind
      const again = await openPgliteDirectory(directory);
      await first.close(); // late and idempotent: must not release the new holder's lock
      await expect(openPgliteDirectory(directory)).rejects.toMatchObject({
        code: 'database_locked',
      });
      await again.close();
    },
    slow,
  );

  it('rejects what is not a directory with invalid_input', async () => {
    for (const directory of ['', 'memory://', 'idb://guardloop', 42, undefined]) {
      await expect(openPgliteDirectory(directory as string)).rejects.toMatchObject({
        code: 'invalid_input',
      });
    }
    await expect(
      openPgliteDirectory(await freshDirectory(), { pglite: { dataDir: 'elsewhere' } }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      openPgliteDirectory(await freshDirectory(), { abortSignal: AbortSignal.abort('stop') }),
    ).rejects.toBe('stop');
  });
});
