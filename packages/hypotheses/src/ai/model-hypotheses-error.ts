import { GuardloopError } from '@guardloop/core';
import { hypothesesErrorCodes } from '../errors/hypotheses-error-codes';

/** Why the model produced no hypotheses; stable strings, like error codes. */
export const modelHypothesesFailureReasons = [
  /** HTTP 429 from the provider. */
  'rate_limited',
  /** Any other HTTP error from the provider, or a response that is not its API's. */
  'provider_error',
  /** The provider could not be reached (connection refused, reset, DNS). */
  'network_error',
  /** No answer within `timeoutMs`. */
  'timeout',
  /** The answer was not the JSON the hypotheses schema asks for. */
  'malformed_output',
  /** The answer proposed an action outside `actions`. */
  'action_outside_set',
  'unknown',
] as const;

export type ModelHypothesesFailureReason = (typeof modelHypothesesFailureReasons)[number];

export interface ModelHypothesesErrorOptions {
  cause: unknown;
  isRetryable: boolean;
  reason?: ModelHypothesesFailureReason;
  statusCode?: number | undefined;
  /** From the provider's `retry-after` header on a 429, when it sent one. */
  retryAfterMs?: number | undefined;
}

const code = hypothesesErrorCodes.modelHypothesesFailed;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/**
 * The model call failed, timed out or returned output that does not match the hypotheses
 * schema, and no `fallback` was given. `reason` says which; `cause` holds the original error.
 */
export class ModelHypothesesError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly reason: ModelHypothesesFailureReason;
  readonly statusCode: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor({
    cause,
    isRetryable,
    reason = 'unknown',
    statusCode,
    retryAfterMs,
  }: ModelHypothesesErrorOptions) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    const facts = [reason, ...(statusCode === undefined ? [] : [`HTTP ${statusCode}`])].join(', ');
    super(code, { message: `Model hypotheses failed (${facts}): ${detail}`, cause, isRetryable });
    this.name = 'ModelHypothesesError';
    this.reason = reason;
    this.statusCode = statusCode;
    this.retryAfterMs = retryAfterMs;
  }

  static override isInstance(error: unknown): error is ModelHypothesesError {
    return GuardloopError.hasMarker(error, marker);
  }
}
