import { coreErrorCodes } from './error-codes';
import { GuardloopError } from './guardloop-error';

const code = coreErrorCodes.invalidRail;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** A rail does not satisfy the Rail contract (missing name, unknown kind, duplicate name...). */
export class InvalidRailError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly rail: string | undefined;

  constructor({ rail, message }: { rail?: string; message: string }) {
    super(code, { message });
    this.name = 'InvalidRailError';
    this.rail = rail;
  }

  static override isInstance(error: unknown): error is InvalidRailError {
    return GuardloopError.hasMarker(error, marker);
  }
}
