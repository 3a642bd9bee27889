import { GuardloopError } from '@guardloop/core';
import { undoLogErrorCodes } from './undo-log-error-codes';

const code = undoLogErrorCodes.leaseLost;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/**
 * The process finished an action but no longer held its lease: crash recovery in another
 * process took the record over (the lease expired because the action outran `leaseMs`).
 */
export class LeaseLostError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly actionId: string;

  constructor({ actionId }: { actionId: string }) {
    super(code, {
      message: `Lost the lease on action ${actionId}: another process recovered it. Check its record.`,
    });
    this.name = 'LeaseLostError';
    this.actionId = actionId;
  }

  static override isInstance(error: unknown): error is LeaseLostError {
    return GuardloopError.hasMarker(error, marker);
  }
}
