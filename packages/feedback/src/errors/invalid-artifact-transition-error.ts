import { GuardloopError } from '@guardloop/core';
import { feedbackErrorCodes } from './feedback-error-codes';

const code = feedbackErrorCodes.invalidArtifactTransition;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** An artifact version cannot make the requested move (e.g. approving an already rejected one). */
export class InvalidArtifactTransitionError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly artifactId: string;
  readonly version: number;
  readonly status: string;
  readonly action: string;

  constructor(details: { artifactId: string; version: number; status: string; action: string }) {
    super(code, {
      message: `Cannot ${details.action} version ${details.version} of '${details.artifactId}': it is ${details.status}.`,
    });
    this.name = 'InvalidArtifactTransitionError';
    this.artifactId = details.artifactId;
    this.version = details.version;
    this.status = details.status;
    this.action = details.action;
  }

  static override isInstance(error: unknown): error is InvalidArtifactTransitionError {
    return GuardloopError.hasMarker(error, marker);
  }
}
