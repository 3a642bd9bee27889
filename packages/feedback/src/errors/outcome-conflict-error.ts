import { GuardloopError } from '@guardloop/core';
import { feedbackErrorCodes } from './feedback-error-codes';

const code = feedbackErrorCodes.outcomeConflict;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** An outcome reused the id of a stored outcome with different content: neither is dropped silently. */
export class OutcomeConflictError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly outcomeId: string;
  readonly fields: readonly string[];

  constructor({ outcomeId, fields }: { outcomeId: string; fields: readonly string[] }) {
    super(code, {
      message: `Outcome '${outcomeId}' was already recorded with different ${fields.join(', ')}.`,
    });
    this.name = 'OutcomeConflictError';
    this.outcomeId = outcomeId;
    this.fields = fields;
  }

  static override isInstance(error: unknown): error is OutcomeConflictError {
    return GuardloopError.hasMarker(error, marker);
  }
}
