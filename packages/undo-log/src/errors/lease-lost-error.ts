import { GuardloopError } from '@guardloop/core';
import { undoLogErrorCodes } from './undo-log-error-codes';

/**
 * The process finished an action but no longer held its lease: crash recovery in another
 * process took the record over (the lease expired because the action outran `leaseMs`).
 */
export class LeaseLostError extends GuardloopError {
  readonly actionId: string;

  constructor({ actionId }: { actionId: string }) {
    super(undoLogErrorCodes.leaseLost, {
      message: `Lost the lease on action ${actionId}: another process recovered it. Check its record.`,
    });
    this.name = 'LeaseLostError';
    this.actionId = actionId;
  }
}
