import { parseInput } from '@guardloop/core';
import { abortSignalSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import { PgliteNotInstalledError } from '../errors/pglite-not-installed-error';
import {
  createPgliteClient,
  markPgliteLocked,
  type PgliteLike,
  pgliteDirectoryOf,
} from './create-pglite-client';
import { lockPgliteDirectory } from './pglite-directory-lock';
import type { SqlClient } from './sql-client';

export interface OpenPgliteDirectoryOptions {
  /** Passed to `new PGlite(directory, options)` (extensions, debug, ...); not `dataDir`. */
  pglite?: Record<string, unknown>;
  /** Checked before the lock is taken and once PGlite is ready (then it is closed again). */
  abortSignal?: AbortSignal | undefined;
}

/** What `openPgliteDirectory` needs of the instance it creates. */
export type ClosablePglite = PgliteLike & { close(): Promise<void> };

/**
 * An open PGlite directory: this process holds its lock until `close`. `Database` is the type
 * of `database`: `openPgliteDirectory<PGlite>(...)` types it as the real PGlite class.
 */
export interface PgliteDirectory<Database extends ClosablePglite = ClosablePglite> {
  client: SqlClient;
  /** The PGlite instance, for what `SqlClient` does not cover (extensions, `dumpDataDir`). */
  database: Database;
  /** The absolute directory. */
  directory: string;
  /** Closes PGlite, then releases the lock. Idempotent. */
  close(): Promise<void>;
}

const optionsSchema = z
  .object({
    pglite: z
      .record(z.string(), z.unknown())
      .refine((options) => !('dataDir' in options), 'dataDir is the first argument')
      .optional(),
    abortSignal: abortSignalSchema.optional(),
  })
  .default({});

const directorySchema = z
  .string()
  .min(1)
  .refine(
    (value) => pgliteDirectoryOf(value) !== undefined,
    'Expected a filesystem directory (in memory: createPgliteClient(new PGlite()))',
  );

type PgliteModule = {
  PGlite: new (
    dataDir: string,
    options?: Record<string, unknown>,
  ) => PgliteDirectory['database'] & {
    waitReady: Promise<void>;
  };
};

/**
 * Opens (creating when missing) a PGlite database persisted to `directory`, holding the
 * directory's lock: a second open, from another process or this one, fails at once with
 * `DatabaseLockedError` instead of silently losing confirmed writes. A lock whose process died
 * (crash, SIGKILL) is taken over. PGlite (`@electric-sql/pglite`, an optional peer) is loaded here.
 */
export async function openPgliteDirectory<Database extends ClosablePglite = ClosablePglite>(
  directory: string,
  options?: OpenPgliteDirectoryOptions,
): Promise<PgliteDirectory<Database>> {
  const path = pgliteDirectoryOf(parseInput(directorySchema, directory, 'PGlite directory')) ?? '';
  const { pglite, abortSignal } = parseInput(optionsSchema, options, 'openPgliteDirectory options');
  abortSignal?.throwIfAborted();
  let module: PgliteModule;
  try {
    module = (await import('@electric-sql/pglite')) as unknown as PgliteModule;
  } catch (error) {
    throw new PgliteNotInstalledError({ cause: error });
  }
  abortSignal?.throwIfAborted();
  let database: (ClosablePglite & { waitReady: Promise<void> }) | undefined;
  // An instance closed directly (`database.close()`, not `close()`) leaves its lock reclaimable.
  const lock = lockPgliteDirectory(path, { isAbandoned: () => database?.closed === true });
  let opened: ClosablePglite & { waitReady: Promise<void> };
  try {
    opened = new module.PGlite(lock.directory, pglite);
    database = opened;
    markPgliteLocked(opened);
    await opened.waitReady;
  } catch (error) {
    lock.release();
    throw error;
  }
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      try {
        if (!opened.closed) await opened.close();
      } finally {
        lock.release();
      }
    })();
    return closing;
  };
  if (abortSignal?.aborted) {
    await close();
    abortSignal.throwIfAborted();
  }
  return {
    client: createPgliteClient(opened),
    database: opened as unknown as Database,
    directory: lock.directory,
    close,
  };
}
