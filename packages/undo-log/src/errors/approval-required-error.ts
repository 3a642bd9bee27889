import { GuardloopError } from '@guardloop/core';
import { undoLogErrorCodes } from './undo-log-error-codes';

const code = undoLogErrorCodes.approvalRequired;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** An irreversible action was asked to run without a human approval token. */
export class ApprovalRequiredError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly actionName: string;

  constructor({ actionName }: { actionName: string }) {
    super(code, {
      message: `Action '${actionName}' is irreversible: it runs only with a human approval token.`,
    });
    this.name = 'ApprovalRequiredError';
    this.actionName = actionName;
  }

  static override isInstance(error: unknown): error is ApprovalRequiredError {
    return GuardloopError.hasMarker(error, marker);
  }
}
