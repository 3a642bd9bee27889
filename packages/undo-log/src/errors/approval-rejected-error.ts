import { GuardloopError } from '@guardloop/core';
import { undoLogErrorCodes } from './undo-log-error-codes';

const code = undoLogErrorCodes.approvalRejected;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** An approval token was given but `verifyApproval` refused it (wrong action, key, age...). */
export class ApprovalRejectedError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly actionName: string;

  constructor({ actionName, cause }: { actionName: string; cause?: unknown }) {
    super(code, {
      message: `The approval token for action '${actionName}' was rejected by verifyApproval.`,
      cause,
    });
    this.name = 'ApprovalRejectedError';
    this.actionName = actionName;
  }

  static override isInstance(error: unknown): error is ApprovalRejectedError {
    return GuardloopError.hasMarker(error, marker);
  }
}
