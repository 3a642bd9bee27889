import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseLockedError } from '../errors/database-locked-error';
import { lockPgliteDirectory, pgliteLockFileName } from './pglite-directory-lock';
import { processStartToken } from './process-start-token';

const directories: string[] = [];
const freshDirectory = () => {
  const directory = mkdtempSync(join(tmpdir(), 'guardloop-lock-'));
  directories.push(directory);
  return directory;
};
afterEach(() => {
  for (const directory of directories.splice(0))
    rmSync(directory, { recursive: true, force: true });
});

const writeLock = (directory: string, record: Record<string, unknown>) =>
  writeFileSync(
    join(directory, pgliteLockFileName),
    JSON.stringify({ hostname: hostname(), lockedAt: 0, token: 'old', ...record }),
  );

/** The pid of a process that has exited (and was reaped). */
const deadPid = () => {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  if (pid === undefined) throw new Error('no pid');
  return pid;
};

describe('lockPgliteDirectory', () => {
  it('refuses a second holder with a typed error naming the directory, until released', () => {
    const directory = freshDirectory();
    const lock = lockPgliteDirectory(directory);
    let refused: unknown;
    try {
      lockPgliteDirectory(directory);
    } catch (error) {
      refused = error;
    }
    expect(DatabaseLockedError.isInstance(refused)).toBe(true);
    expect(refused).toMatchObject({
      code: 'database_locked',
      directory,
      holder: { pid: process.pid, hostname: hostname() },
      isRetryable: false,
    });
    expect((refused as Error).message).toContain(directory);
    lock.release();
    lock.release(); // idempotent
    expect(existsSync(join(directory, pgliteLockFileName))).toBe(false);
    lockPgliteDirectory(directory).release();
    // Nothing but the lock file is ever left in the directory.
    expect(readdirSync(directory)).toEqual([]);
  });

  it('creates a missing directory', () => {
    const directory = join(freshDirectory(), 'nested', 'data');
    const lock = lockPgliteDirectory(directory);
    expect(existsSync(join(directory, pgliteLockFileName))).toBe(true);
    lock.release();
  });

  it('takes over the lock of a process that is gone', () => {
    const directory = freshDirectory();
    writeLock(directory, { pid: deadPid() });
    const lock = lockPgliteDirectory(directory);
    expect(JSON.parse(readFileSync(lock.lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it.runIf(processStartToken(process.pid) !== undefined)(
    'takes over a lock whose pid was reused by a later process',
    () => {
      const directory = freshDirectory();
      // The parent is alive, but it is not the process that started at this token.
      writeLock(directory, { pid: process.ppid, startToken: 'another-boot:1' });
      lockPgliteDirectory(directory).release();
    },
  );

  it('keeps the lock of a live process and of another host', () => {
    const live = freshDirectory();
    writeLock(live, { pid: process.ppid, startToken: processStartToken(process.ppid) });
    expect(() => lockPgliteDirectory(live)).toThrow(DatabaseLockedError);
    const remote = freshDirectory();
    writeLock(remote, { pid: deadPid(), hostname: 'another-host' });
    expect(() => lockPgliteDirectory(remote)).toThrow(/another-host/);
  });

  it('takes over a damaged lock file (lock files are only ever written whole)', () => {
    const directory = freshDirectory();
    writeFileSync(join(directory, pgliteLockFileName), '');
    lockPgliteDirectory(directory).release();
  });

  it('lets this process reclaim the lock of an instance it abandoned (closed)', () => {
    const directory = freshDirectory();
    let closed = false;
    lockPgliteDirectory(directory, { isAbandoned: () => closed });
    expect(() => lockPgliteDirectory(directory)).toThrow(DatabaseLockedError);
    closed = true;
    lockPgliteDirectory(directory).release();
  });

  it('does not release a lock another holder took since', () => {
    const directory = freshDirectory();
    const first = lockPgliteDirectory(directory, { isAbandoned: () => true });
    const second = lockPgliteDirectory(directory);
    first.release();
    expect(() => lockPgliteDirectory(directory)).toThrow(DatabaseLockedError);
    second.release();
  });

  it('sees one directory behind relative, symlinked and trailing-slash paths', () => {
    const base = freshDirectory();
    const directory = join(base, 'data');
    mkdirSync(directory);
    const alias = join(base, 'alias');
    symlinkSync(directory, alias, 'dir');
    let closed = false;
    const lock = lockPgliteDirectory(alias, { isAbandoned: () => closed });
    expect(lock.directory).toBe(realpathSync(directory));
    for (const other of [
      directory,
      `${directory}/`,
      relative(process.cwd(), directory),
      `${alias}//`,
    ]) {
      expect(() => lockPgliteDirectory(other)).toThrow(DatabaseLockedError);
    }
    // The instance that held it through the alias is closed: reclaimable through the real path.
    closed = true;
    lockPgliteDirectory(directory).release();
    expect(readdirSync(directory)).toEqual([]);
  });

  it.runIf(processStartToken(process.pid) !== undefined)(
    'takes over a lock left by an earlier process that had this same pid (a restarted container)',
    () => {
      const directory = freshDirectory();
      writeLock(directory, { pid: process.pid, startToken: 'earlier-boot:1', token: 'earlier' });
      const lock = lockPgliteDirectory(directory);
      expect(JSON.parse(readFileSync(lock.lockFile, 'utf8'))).toMatchObject({
        pid: process.pid,
        startToken: processStartToken(process.pid),
      });
      lock.release();
    },
  );

  it('answers a path that is not a directory with a typed error', () => {
    const base = freshDirectory();
    const file = join(base, 'file');
    writeFileSync(file, 'not a directory');
    for (const directory of [file, join(file, 'below')]) {
      expect(() => lockPgliteDirectory(directory)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
  });
});
