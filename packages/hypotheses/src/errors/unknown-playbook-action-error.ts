import { GuardloopError } from '@guardloop/core';
import { hypothesesErrorCodes } from './hypotheses-error-codes';

const code = hypothesesErrorCodes.unknownPlaybookAction;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** A playbook candidate names an action the given `ActionCatalog` does not describe. */
export class UnknownPlaybookActionError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly actionName: string;
  /** Where in the playbook, e.g. `entries.0.candidates.1.action.name`. */
  readonly path: string;

  constructor({ actionName, path }: { actionName: string; path: string }) {
    super(code, {
      message: `Playbook action '${actionName}' at ${path} is not registered in the action catalog.`,
    });
    this.name = 'UnknownPlaybookActionError';
    this.actionName = actionName;
    this.path = path;
  }

  static override isInstance(error: unknown): error is UnknownPlaybookActionError {
    return GuardloopError.hasMarker(error, marker);
  }
}
