import { InvalidInputError } from '@guardloop/core';
import { DatabaseLockedError, type DatabaseLockHolder } from '../errors/database-locked-error';
import { isProcessAlive, processStartToken } from './process-start-token';

/** Name of the lock file inside a PGlite directory. */
export const pgliteLockFileName = 'guardloop.lock';

interface LockRecord extends DatabaseLockHolder {
  startToken: string | undefined;
  /** Unique per acquisition, so a release never removes a lock someone else took since. */
  token: string;
}

/** An exclusive hold on one PGlite directory; `release` is idempotent. */
export interface PgliteDirectoryLock {
  directory: string;
  lockFile: string;
  release(): void;
}

// Locks held by this process, so a lock of an instance closed without `release` can be reclaimed.
const heldHere = new Map<string, { token: string; isAbandoned: () => boolean }>();

// node:fs is loaded on first use so the package still bundles for browsers (PGlite on idb://).
const fs = () => process.getBuiltinModule('node:fs');
const path = () => process.getBuiltinModule('node:path');
const os = () => process.getBuiltinModule('node:os');

const parseRecord = (text: string): LockRecord | undefined => {
  try {
    const value = JSON.parse(text) as Partial<LockRecord>;
    if (
      typeof value.pid === 'number' &&
      typeof value.hostname === 'string' &&
      typeof value.token === 'string' &&
      typeof value.lockedAt === 'number'
    ) {
      return {
        pid: value.pid,
        hostname: value.hostname,
        lockedAt: value.lockedAt,
        token: value.token,
        startToken: typeof value.startToken === 'string' ? value.startToken : undefined,
      };
    }
  } catch {}
  return undefined;
};

/** A lock is stale when its process is gone: dead pid, or a pid reused by a later process. */
const isStale = (lockFile: string, record: LockRecord | undefined): boolean => {
  // Lock files are written whole (link of a complete file), so an unreadable one is damage, not a writer.
  if (!record) return true;
  // Another host's processes cannot be checked (a shared volume): never take its lock.
  if (record.hostname !== os().hostname()) return false;
  if (record.pid === process.pid) {
    // Our pid, but an earlier process's start: a restarted container (pid 1 again) after a crash.
    const ours = processStartToken(process.pid);
    if (record.startToken !== undefined && ours !== undefined && ours !== record.startToken)
      return true;
    const here = heldHere.get(lockFile);
    return here?.token === record.token && here.isAbandoned();
  }
  if (!isProcessAlive(record.pid)) return true;
  const current = processStartToken(record.pid);
  return record.startToken !== undefined && current !== undefined && current !== record.startToken;
};

const readLock = (lockFile: string): string | undefined => {
  try {
    return fs().readFileSync(lockFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

/**
 * Takes the exclusive lock of a PGlite directory (created when missing), synchronously, before
 * PGlite opens it. The lock file holds pid, host and process start token; a lock whose process
 * died (even by SIGKILL) is taken over. Throws `DatabaseLockedError` while another holds it.
 * `isAbandoned` lets this process reclaim its own lock once the instance using it is closed.
 */
export function lockPgliteDirectory(
  directory: string,
  { isAbandoned = () => false }: { isAbandoned?: () => boolean } = {},
): PgliteDirectoryLock {
  const absolute = realDirectory(directory);
  const lockFile = path().join(absolute, pgliteLockFileName);
  const record: LockRecord = {
    pid: process.pid,
    hostname: os().hostname(),
    lockedAt: Date.now(),
    startToken: processStartToken(process.pid),
    token: globalThis.crypto.randomUUID(),
  };
  // Written aside and hard-linked into place: the lock appears atomically and always complete.
  const pending = `${lockFile}.${record.token}`;
  fs().writeFileSync(pending, JSON.stringify(record), { flag: 'wx' });
  try {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      try {
        fs().linkSync(pending, lockFile);
        heldHere.set(lockFile, { token: record.token, isAbandoned });
        return {
          directory: absolute,
          lockFile,
          release: () => releaseLock(lockFile, record.token),
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const text = readLock(lockFile);
      if (text === undefined) continue; // released meanwhile
      const holder = parseRecord(text);
      if (!isStale(lockFile, holder)) {
        throw new DatabaseLockedError({ directory: absolute, lockFile, holder });
      }
      takeOverStale(lockFile, text, record.token);
    }
    throw new DatabaseLockedError({
      directory: absolute,
      lockFile,
      holder: parseRecord(readLock(lockFile) ?? ''),
    });
  } finally {
    fs().rmSync(pending, { force: true });
  }
}

/**
 * The directory, created when missing, with symlinks resolved: every path to one directory
 * (relative, symlinked, trailing slash) must name one lock, in this process's table too.
 */
function realDirectory(directory: string): string {
  try {
    const absolute = path().resolve(directory);
    fs().mkdirSync(absolute, { recursive: true });
    const real = fs().realpathSync(absolute);
    if (!fs().statSync(real).isDirectory())
      throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    return real;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new InvalidInputError({
      subject: 'PGlite directory',
      issues: [{ path: '', message: `Cannot use ${directory} as a directory (${reason})` }],
      cause: error,
    });
  }
}

/**
 * Removes a stale lock file. It is moved aside first and checked: if another process replaced
 * it between our read and the move, it is that process's live lock, and it is put back.
 */
function takeOverStale(lockFile: string, staleText: string, token: string): void {
  const aside = `${lockFile}.stale-${token}`;
  try {
    fs().renameSync(lockFile, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    if (readLock(aside) !== staleText) fs().linkSync(aside, lockFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs().rmSync(aside, { force: true });
  }
}

function releaseLock(lockFile: string, token: string): void {
  if (heldHere.get(lockFile)?.token === token) heldHere.delete(lockFile);
  const text = readLock(lockFile);
  if (text !== undefined && parseRecord(text)?.token === token)
    fs().rmSync(lockFile, { force: true });
}
