import { GuardloopError } from '@guardloop/core';
import { feedbackErrorCodes } from './feedback-error-codes';

/** No artifact (or no such version of it) exists. */
export class ArtifactNotFoundError extends GuardloopError {
  readonly artifactId: string;
  readonly version: number | undefined;

  constructor({ artifactId, version }: { artifactId: string; version?: number }) {
    const what = version === undefined ? '' : ` version ${version}`;
    super(feedbackErrorCodes.artifactNotFound, {
      message: `Artifact '${artifactId}'${what} does not exist.`,
    });
    this.name = 'ArtifactNotFoundError';
    this.artifactId = artifactId;
    this.version = version;
  }
}
