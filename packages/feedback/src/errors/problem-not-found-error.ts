import { GuardloopError } from '@guardloop/core';
import { feedbackErrorCodes } from './feedback-error-codes';

const code = feedbackErrorCodes.problemNotFound;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** No problem record has this id. */
export class ProblemNotFoundError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly problemId: string;

  constructor({ problemId }: { problemId: string }) {
    super(code, {
      message: `Problem '${problemId}' does not exist.`,
    });
    this.name = 'ProblemNotFoundError';
    this.problemId = problemId;
  }

  static override isInstance(error: unknown): error is ProblemNotFoundError {
    return GuardloopError.hasMarker(error, marker);
  }
}
