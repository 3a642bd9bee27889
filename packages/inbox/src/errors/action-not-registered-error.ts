import { GuardloopError } from '@guardloop/core';
import { inboxErrorCodes } from './inbox-error-codes';

/** An edit needs the action's schema: the action is missing from `createInbox({ actions })`. */
export class ActionNotRegisteredError extends GuardloopError {
  readonly actionName: string;

  constructor({ actionName }: { actionName: string }) {
    super(inboxErrorCodes.actionNotRegistered, {
      message: `Action '${actionName}' is not in the inbox's actions: its edited input cannot be validated.`,
    });
    this.name = 'ActionNotRegisteredError';
    this.actionName = actionName;
  }

  static override isInstance(error: unknown): error is ActionNotRegisteredError {
    return GuardloopError.hasCode(error, inboxErrorCodes.actionNotRegistered);
  }
}
