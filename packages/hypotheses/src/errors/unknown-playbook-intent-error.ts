import { GuardloopError } from '@guardloop/core';
import { hypothesesErrorCodes } from './hypotheses-error-codes';

const code = hypothesesErrorCodes.unknownPlaybookIntent;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** A playbook entry is for an intent outside the given taxonomy (`intents`). */
export class UnknownPlaybookIntentError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly intent: string;
  readonly path: string;

  constructor({ intent, path }: { intent: string; path: string }) {
    super(code, { message: `Playbook intent '${intent}' at ${path} is not in the taxonomy.` });
    this.name = 'UnknownPlaybookIntentError';
    this.intent = intent;
    this.path = path;
  }

  static override isInstance(error: unknown): error is UnknownPlaybookIntentError {
    return GuardloopError.hasMarker(error, marker);
  }
}
