import { GuardloopError } from '@guardloop/core';
import { postgresErrorCodes } from './postgres-error-codes';

/** `openPgliteDirectory` needs the optional peer `@electric-sql/pglite`, which is not installed. */
export class PgliteNotInstalledError extends GuardloopError {
  constructor({ cause }: { cause: unknown }) {
    super(postgresErrorCodes.pgliteNotInstalled, {
      message: 'openPgliteDirectory needs @electric-sql/pglite: npm install @electric-sql/pglite',
      cause,
    });
    this.name = 'PgliteNotInstalledError';
  }

  static override isInstance(error: unknown): error is PgliteNotInstalledError {
    return GuardloopError.hasCode(error, postgresErrorCodes.pgliteNotInstalled);
  }
}
