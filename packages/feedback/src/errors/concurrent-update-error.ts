import { GuardloopError } from '@guardloop/core';
import { feedbackErrorCodes } from './feedback-error-codes';

/** A record kept changing under concurrent writers; retrying later is safe. */
export class ConcurrentUpdateError extends GuardloopError {
  readonly record: string;
  readonly attempts: number;

  constructor({ record, attempts }: { record: string; attempts: number }) {
    super(feedbackErrorCodes.concurrentUpdate, {
      message: `Gave up updating ${record} after ${attempts} attempts: it kept changing concurrently.`,
      isRetryable: true,
    });
    this.name = 'ConcurrentUpdateError';
    this.record = record;
    this.attempts = attempts;
  }
}
