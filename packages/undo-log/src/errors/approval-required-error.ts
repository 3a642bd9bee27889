import { GuardloopError } from '@guardloop/core';
import { undoLogErrorCodes } from './undo-log-error-codes';

/** An irreversible action was asked to run without a human approval token. */
export class ApprovalRequiredError extends GuardloopError {
  readonly actionName: string;

  constructor({ actionName }: { actionName: string }) {
    super(undoLogErrorCodes.approvalRequired, {
      message: `Action '${actionName}' is irreversible: it runs only with a human approval token.`,
    });
    this.name = 'ApprovalRequiredError';
    this.actionName = actionName;
  }
}
