import { GuardloopError } from '@guardloop/core';
import { semanticErrorCodes } from '../errors/semantic-error-codes';

/** Why a model classification failed; stable strings, like error codes. */
export const modelFailureReasons = [
  /** HTTP 429: retry after `retryAfterMs` when the provider said. */
  'rate_limited',
  /** Any other HTTP error from the provider (5xx, 401...), or a response that is not its API's. */
  'provider_error',
  /** The provider could not be reached (connection refused, reset, DNS). */
  'network_error',
  /** No answer within the classifier's `timeoutMs`. */
  'timeout',
  /** The answer was not the JSON the label schema asks for (not JSON, missing fields...). */
  'malformed_output',
  /** The answer named a label outside the classifier's label set. */
  'label_outside_set',
  'unknown',
] as const;

export type ModelFailureReason = (typeof modelFailureReasons)[number];

export interface ModelClassificationErrorOptions {
  cause: unknown;
  isRetryable: boolean;
  reason?: ModelFailureReason;
  statusCode?: number;
  retryAfterMs?: number;
}

const code = semanticErrorCodes.modelClassificationFailed;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/**
 * The language model call failed or returned output that does not match the label schema.
 * `reason` says which (`rate_limited`, `timeout`, `label_outside_set`...); `isRetryable` mirrors
 * the provider's (rate limits, 5xx, timeouts); `cause` holds the original error.
 */
export class ModelClassificationError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly reason: ModelFailureReason;
  readonly statusCode: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor({
    cause,
    isRetryable,
    reason = 'unknown',
    statusCode,
    retryAfterMs,
  }: ModelClassificationErrorOptions) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    const facts = [
      reason,
      ...(statusCode === undefined ? [] : [`HTTP ${statusCode}`]),
      ...(retryAfterMs === undefined ? [] : [`retry after ${retryAfterMs} ms`]),
    ].join(', ');
    super(code, {
      message: `Model classification failed (${facts}): ${detail}`,
      cause,
      isRetryable,
    });
    this.name = 'ModelClassificationError';
    this.reason = reason;
    this.statusCode = statusCode;
    this.retryAfterMs = retryAfterMs;
  }

  static override isInstance(error: unknown): error is ModelClassificationError {
    return GuardloopError.hasMarker(error, marker);
  }
}
