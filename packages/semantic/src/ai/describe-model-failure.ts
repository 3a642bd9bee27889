import {
  APICallError,
  InvalidResponseDataError,
  NoObjectGeneratedError,
  NoOutputGeneratedError,
  RetryError,
} from 'ai';
import type { ModelClassificationErrorOptions } from './model-classification-error';

/**
 * Turns whatever `generateText` threw into a reason a caller can act on. A `RetryError` (the
 * SDK gave up after retries) is judged by its last error, so a 429 stays retryable.
 */
export function describeModelFailure(
  error: unknown,
  labels: readonly string[],
  now: number,
): ModelClassificationErrorOptions {
  const last = RetryError.isInstance(error) ? error.lastError : error;
  if (APICallError.isInstance(last)) {
    const { statusCode } = last;
    const retryAfterMs = parseRetryAfter(last.responseHeaders, now);
    const reason =
      statusCode === 429
        ? 'rate_limited'
        : statusCode === undefined
          ? 'network_error'
          : 'provider_error';
    return {
      cause: error,
      reason,
      isRetryable: last.isRetryable,
      ...(statusCode === undefined ? {} : { statusCode }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  if (NoObjectGeneratedError.isInstance(last)) {
    const reason = namesUnknownLabel(last.text, labels) ? 'label_outside_set' : 'malformed_output';
    return { cause: error, reason, isRetryable: false };
  }
  // The model answered nothing (`content: null`): no output to validate, as with bad JSON.
  if (NoOutputGeneratedError.isInstance(last)) {
    return { cause: error, reason: 'malformed_output', isRetryable: false };
  }
  // A well-formed HTTP answer that is not a chat completion (`choices: []`).
  if (InvalidResponseDataError.isInstance(last)) {
    return { cause: error, reason: 'provider_error', isRetryable: false };
  }
  if (isNetworkError(last)) return { cause: error, reason: 'network_error', isRetryable: true };
  const isRetryable = (last as { isRetryable?: unknown } | null)?.isRetryable === true;
  return { cause: error, reason: 'unknown', isRetryable };
}

function namesUnknownLabel(text: string | undefined, labels: readonly string[]): boolean {
  if (text === undefined) return false;
  try {
    const label = (JSON.parse(text) as { label?: unknown } | null)?.label;
    return typeof label === 'string' && !labels.includes(label);
  } catch {
    return false;
  }
}

/** `retry-after-ms`, else `retry-after` in seconds or as an HTTP date; undefined when absent. */
function parseRetryAfter(headers: Record<string, string> | undefined, now: number) {
  const milliseconds = Number.parseFloat(headers?.['retry-after-ms'] ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return Math.round(milliseconds);
  const value = headers?.['retry-after'];
  if (value === undefined) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError && /fetch failed|network/i.test(error.message);
}
