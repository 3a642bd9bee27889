import { GuardloopError } from '@guardloop/core';
import { feedbackErrorCodes } from './feedback-error-codes';

const code = feedbackErrorCodes.concurrentUpdate;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** A record kept changing under concurrent writers; retrying later is safe. */
export class ConcurrentUpdateError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly record: string;
  readonly attempts: number;

  constructor({ record, attempts }: { record: string; attempts: number }) {
    super(code, {
      message: `Gave up updating ${record} after ${attempts} attempts: it kept changing concurrently.`,
      isRetryable: true,
    });
    this.name = 'ConcurrentUpdateError';
    this.record = record;
    this.attempts = attempts;
  }

  static override isInstance(error: unknown): error is ConcurrentUpdateError {
    return GuardloopError.hasMarker(error, marker);
  }
}
