import { GuardloopError } from '@guardloop/core';
import { feedbackErrorCodes } from './feedback-error-codes';

/** An outcome reused the id of a stored outcome with different content: neither is dropped silently. */
export class OutcomeConflictError extends GuardloopError {
  readonly outcomeId: string;
  readonly fields: readonly string[];

  constructor({ outcomeId, fields }: { outcomeId: string; fields: readonly string[] }) {
    super(feedbackErrorCodes.outcomeConflict, {
      message: `Outcome '${outcomeId}' was already recorded with different ${fields.join(', ')}.`,
    });
    this.name = 'OutcomeConflictError';
    this.outcomeId = outcomeId;
    this.fields = fields;
  }
}
