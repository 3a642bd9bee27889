import { GuardloopError } from '@guardloop/core';
import { postgresErrorCodes } from './postgres-error-codes';

/** Who holds a PGlite directory, as written in its lock file. */
export interface DatabaseLockHolder {
  pid: number;
  hostname: string;
  /** Epoch milliseconds at which the holder took the lock. */
  lockedAt: number;
}

const code = postgresErrorCodes.databaseLocked;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/**
 * A PGlite directory is open in another process (or another PGlite instance of this one).
 * Two instances on one directory silently lose confirmed writes, so the second open is refused.
 * Not retryable: close the other instance, or use a PostgreSQL server for several processes.
 */
export class DatabaseLockedError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly directory: string;
  readonly lockFile: string;
  /** `undefined` when the lock file could not be read (being written, or damaged). */
  readonly holder: DatabaseLockHolder | undefined;

  constructor({
    directory,
    lockFile,
    holder,
  }: {
    directory: string;
    lockFile: string;
    holder: DatabaseLockHolder | undefined;
  }) {
    const by = holder
      ? `process ${holder.pid} on ${holder.hostname} since ${new Date(holder.lockedAt).toISOString()}`
      : 'another process';
    super(code, {
      message: `PGlite directory ${directory} is already open by ${by}. One process may open a directory at a time; close it there or use a PostgreSQL server (lock file: ${lockFile}).`,
    });
    this.name = 'DatabaseLockedError';
    this.directory = directory;
    this.lockFile = lockFile;
    this.holder = holder;
  }

  static override isInstance(error: unknown): error is DatabaseLockedError {
    return GuardloopError.hasMarker(error, marker);
  }
}
