import {
  APICallError,
  InvalidResponseDataError,
  NoObjectGeneratedError,
  NoOutputGeneratedError,
  RetryError,
} from 'ai';
import type { ModelHypothesesErrorOptions } from './model-hypotheses-error';

/**
 * Turns whatever `generateText` threw into a reason. A `RetryError` (the SDK gave up after
 * retries) is judged by its last error, so a 429 stays retryable.
 */
export function describeModelFailure(
  error: unknown,
  actions: readonly string[],
): ModelHypothesesErrorOptions {
  const last = RetryError.isInstance(error) ? error.lastError : error;
  if (APICallError.isInstance(last)) {
    const { statusCode } = last;
    const reason =
      statusCode === 429
        ? 'rate_limited'
        : statusCode === undefined
          ? 'network_error'
          : 'provider_error';
    return { cause: error, reason, isRetryable: last.isRetryable, statusCode };
  }
  if (NoObjectGeneratedError.isInstance(last)) {
    const reason = namesUnknownAction(last.text, actions)
      ? 'action_outside_set'
      : 'malformed_output';
    return { cause: error, reason, isRetryable: false };
  }
  if (NoOutputGeneratedError.isInstance(last)) {
    return { cause: error, reason: 'malformed_output', isRetryable: false };
  }
  if (InvalidResponseDataError.isInstance(last)) {
    return { cause: error, reason: 'provider_error', isRetryable: false };
  }
  if (last instanceof TypeError)
    return { cause: error, reason: 'network_error', isRetryable: true };
  const isRetryable = (last as { isRetryable?: unknown } | null)?.isRetryable === true;
  return { cause: error, reason: 'unknown', isRetryable };
}

function namesUnknownAction(text: string | undefined, actions: readonly string[]): boolean {
  if (text === undefined) return false;
  try {
    const proposed = (JSON.parse(text) as { hypotheses?: unknown } | null)?.hypotheses;
    if (!Array.isArray(proposed)) return false;
    return proposed.some((item) => {
      const name = (item as { action?: { name?: unknown } | null } | null)?.action?.name;
      return typeof name === 'string' && !actions.includes(name);
    });
  } catch {
    return false;
  }
}
