import { GuardloopError } from '@guardloop/core';
import { hypothesesErrorCodes } from './hypotheses-error-codes';

const code = hypothesesErrorCodes.learningLeaseLost;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/**
 * The abort reason a learning job sees when its schedule could not renew the lease on its run:
 * another claimant took the period over (`taken_over`), or the renewal failed (`renewal_failed`,
 * the store's error as `cause`). The job should stop; its result is not recorded.
 */
export class LearningLeaseLostError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly job: string;
  readonly periodKey: string;
  readonly attempt: number;
  readonly reason: 'taken_over' | 'renewal_failed';

  constructor({
    job,
    periodKey,
    attempt,
    reason,
    cause,
  }: {
    job: string;
    periodKey: string;
    attempt: number;
    reason: 'taken_over' | 'renewal_failed';
    cause?: unknown;
  }) {
    super(code, {
      message:
        reason === 'taken_over'
          ? `Learning run ${job} ${periodKey} (attempt ${attempt}) lost its lease to another claimant.`
          : `Learning run ${job} ${periodKey} (attempt ${attempt}) could not renew its lease.`,
      ...(cause === undefined ? {} : { cause }),
    });
    this.name = 'LearningLeaseLostError';
    this.job = job;
    this.periodKey = periodKey;
    this.attempt = attempt;
    this.reason = reason;
  }

  static override isInstance(error: unknown): error is LearningLeaseLostError {
    return GuardloopError.hasMarker(error, marker);
  }
}
