import { coreErrorCodes } from './error-codes';
import { GuardloopError } from './guardloop-error';

const code = coreErrorCodes.invalidTransition;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** A ticket was asked to move along an edge that the lifecycle table does not have. */
export class InvalidTransitionError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly from: string;
  readonly to: string;
  readonly allowed: readonly string[];

  constructor({ from, to, allowed }: { from: string; to: string; allowed: readonly string[] }) {
    const options = allowed.length > 0 ? allowed.join(', ') : 'none (final state)';
    super(code, {
      message: `Cannot move a ticket from '${from}' to '${to}'. Allowed from '${from}': ${options}.`,
    });
    this.name = 'InvalidTransitionError';
    this.from = from;
    this.to = to;
    this.allowed = allowed;
  }

  static override isInstance(error: unknown): error is InvalidTransitionError {
    return GuardloopError.hasMarker(error, marker);
  }
}
