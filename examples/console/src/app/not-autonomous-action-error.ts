import { GuardloopError } from '@guardloop/core';

const code = 'not_autonomous_action';
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** The console undoes only what the AI did on its own: approved actions were a human's call. */
export class NotAutonomousActionError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly actionId: string;
  readonly status: string;

  constructor({ actionId, status }: { actionId: string; status: string }) {
    super(code, {
      message: `Action '${actionId}' is ${status} or was approved by a reviewer; only done autonomous actions are undone here.`,
    });
    this.name = 'NotAutonomousActionError';
    this.actionId = actionId;
    this.status = status;
  }

  static override isInstance(error: unknown): error is NotAutonomousActionError {
    return GuardloopError.hasMarker(error, marker);
  }
}
