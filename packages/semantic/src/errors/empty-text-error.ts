import { GuardloopError } from '@guardloop/core';
import { semanticErrorCodes } from './semantic-error-codes';

/** The text to classify or learn from is empty or only whitespace. */
export class EmptyTextError extends GuardloopError {
  constructor() {
    super(semanticErrorCodes.emptyText, { message: 'Cannot classify an empty text.' });
    this.name = 'EmptyTextError';
  }

  static override isInstance(error: unknown): error is EmptyTextError {
    return GuardloopError.hasCode(error, semanticErrorCodes.emptyText);
  }
}
