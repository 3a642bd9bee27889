import { GuardloopError } from '@guardloop/core';
import { postgresErrorCodes } from './postgres-error-codes';

const code = postgresErrorCodes.pgliteNotInstalled;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** `openPgliteDirectory` needs the optional peer `@electric-sql/pglite`, which is not installed. */
export class PgliteNotInstalledError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  constructor({ cause }: { cause: unknown }) {
    super(code, {
      message: 'openPgliteDirectory needs @electric-sql/pglite: npm install @electric-sql/pglite',
      cause,
    });
    this.name = 'PgliteNotInstalledError';
  }

  static override isInstance(error: unknown): error is PgliteNotInstalledError {
    return GuardloopError.hasMarker(error, marker);
  }
}
