import { GuardloopError } from '@guardloop/core';
import { feedbackErrorCodes } from './feedback-error-codes';

const code = feedbackErrorCodes.artifactNotFound;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** No artifact (or no such version of it) exists. */
export class ArtifactNotFoundError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly artifactId: string;
  readonly version: number | undefined;

  constructor({ artifactId, version }: { artifactId: string; version?: number }) {
    const what = version === undefined ? '' : ` version ${version}`;
    super(code, {
      message: `Artifact '${artifactId}'${what} does not exist.`,
    });
    this.name = 'ArtifactNotFoundError';
    this.artifactId = artifactId;
    this.version = version;
  }

  static override isInstance(error: unknown): error is ArtifactNotFoundError {
    return GuardloopError.hasMarker(error, marker);
  }
}
