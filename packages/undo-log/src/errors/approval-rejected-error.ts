import { GuardloopError } from '@guardloop/core';
import { undoLogErrorCodes } from './undo-log-error-codes';

/** An approval token was given but `verifyApproval` refused it (wrong action, key, age...). */
export class ApprovalRejectedError extends GuardloopError {
  readonly actionName: string;

  constructor({ actionName, cause }: { actionName: string; cause?: unknown }) {
    super(undoLogErrorCodes.approvalRejected, {
      message: `The approval token for action '${actionName}' was rejected by verifyApproval.`,
      cause,
    });
    this.name = 'ApprovalRejectedError';
    this.actionName = actionName;
  }
}
