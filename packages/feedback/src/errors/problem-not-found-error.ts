import { GuardloopError } from '@guardloop/core';
import { feedbackErrorCodes } from './feedback-error-codes';

/** No problem record has this id. */
export class ProblemNotFoundError extends GuardloopError {
  readonly problemId: string;

  constructor({ problemId }: { problemId: string }) {
    super(feedbackErrorCodes.problemNotFound, {
      message: `Problem '${problemId}' does not exist.`,
    });
    this.name = 'ProblemNotFoundError';
    this.problemId = problemId;
  }
}
