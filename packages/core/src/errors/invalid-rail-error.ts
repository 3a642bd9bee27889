import { coreErrorCodes } from './error-codes';
import { GuardloopError } from './guardloop-error';

/** A rail does not satisfy the Rail contract (missing name, unknown kind, duplicate name...). */
export class InvalidRailError extends GuardloopError {
  readonly rail: string | undefined;

  constructor({ rail, message }: { rail?: string; message: string }) {
    super(coreErrorCodes.invalidRail, { message });
    this.name = 'InvalidRailError';
    this.rail = rail;
  }
}
