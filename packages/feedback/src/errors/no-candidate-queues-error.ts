import { GuardloopError } from '@guardloop/core';
import { feedbackErrorCodes } from './feedback-error-codes';

const code = feedbackErrorCodes.noCandidateQueues;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** The router has no queue to choose from for this category. */
export class NoCandidateQueuesError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly category: string;

  constructor({ category }: { category: string }) {
    super(code, {
      message: `No candidate queues for category '${category}': list them in createOutcomeRouter({ queues }) or set defaultQueues.`,
    });
    this.name = 'NoCandidateQueuesError';
    this.category = category;
  }

  static override isInstance(error: unknown): error is NoCandidateQueuesError {
    return GuardloopError.hasMarker(error, marker);
  }
}
