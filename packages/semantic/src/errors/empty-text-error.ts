import { GuardloopError } from '@guardloop/core';
import { semanticErrorCodes } from './semantic-error-codes';

const code = semanticErrorCodes.emptyText;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** The text to classify or learn from is empty or only whitespace. */
export class EmptyTextError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  constructor() {
    super(code, { message: 'Cannot classify an empty text.' });
    this.name = 'EmptyTextError';
  }

  static override isInstance(error: unknown): error is EmptyTextError {
    return GuardloopError.hasMarker(error, marker);
  }
}
