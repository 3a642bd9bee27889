import { GuardloopError, type InputIssue } from '@guardloop/core';
import { summarizeIssues } from '@guardloop/core/internal';
import { hypothesesErrorCodes } from './hypotheses-error-codes';

const code = hypothesesErrorCodes.malformedLearningRun;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** A stored learning run that no longer matches `learningRunSchema` (a damaged or hand-edited row). */
export class MalformedLearningRunError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly job: string;
  readonly periodKey: string;
  readonly issues: readonly InputIssue[];

  constructor({
    job,
    periodKey,
    issues,
  }: {
    job: string;
    periodKey: string;
    issues: readonly InputIssue[];
  }) {
    super(code, {
      message: `Stored learning run ${job} ${periodKey} is malformed: ${summarizeIssues(issues)}`,
    });
    this.name = 'MalformedLearningRunError';
    this.job = job;
    this.periodKey = periodKey;
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is MalformedLearningRunError {
    return GuardloopError.hasMarker(error, marker);
  }
}
