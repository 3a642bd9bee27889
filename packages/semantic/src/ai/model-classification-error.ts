import { GuardloopError } from '@guardloop/core';
import { semanticErrorCodes } from '../errors/semantic-error-codes';

/**
 * The language model call failed or returned output that does not match the label schema.
 * `isRetryable` mirrors the provider error's (rate limits, 5xx); `cause` holds the original.
 */
export class ModelClassificationError extends GuardloopError {
  constructor({ cause, isRetryable }: { cause: unknown; isRetryable: boolean }) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(semanticErrorCodes.modelClassificationFailed, {
      message: `Model classification failed: ${detail}`,
      cause,
      isRetryable,
    });
    this.name = 'ModelClassificationError';
  }
}
