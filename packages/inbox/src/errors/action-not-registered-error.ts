import { GuardloopError } from '@guardloop/core';
import { inboxErrorCodes } from './inbox-error-codes';

const code = inboxErrorCodes.actionNotRegistered;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** An edit needs the action's schema: the action is missing from `createInbox({ actions })`. */
export class ActionNotRegisteredError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly actionName: string;

  constructor({ actionName }: { actionName: string }) {
    super(code, {
      message: `Action '${actionName}' is not in the inbox's actions: its edited input cannot be validated.`,
    });
    this.name = 'ActionNotRegisteredError';
    this.actionName = actionName;
  }

  static override isInstance(error: unknown): error is ActionNotRegisteredError {
    return GuardloopError.hasMarker(error, marker);
  }
}
