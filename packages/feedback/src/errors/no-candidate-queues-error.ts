import { GuardloopError } from '@guardloop/core';
import { feedbackErrorCodes } from './feedback-error-codes';

/** The router has no queue to choose from for this category. */
export class NoCandidateQueuesError extends GuardloopError {
  readonly category: string;

  constructor({ category }: { category: string }) {
    super(feedbackErrorCodes.noCandidateQueues, {
      message: `No candidate queues for category '${category}': list them in createOutcomeRouter({ queues }) or set defaultQueues.`,
    });
    this.name = 'NoCandidateQueuesError';
    this.category = category;
  }
}
