import {
  APICallError,
  InvalidResponseDataError,
  NoObjectGeneratedError,
  NoOutputGeneratedError,
  RetryError,
} from 'ai';

/** Why a structured-output model call failed, before a caller names its own "outside the set". */
export type ModelCallFailureReason =
  | 'rate_limited'
  | 'provider_error'
  | 'network_error'
  | 'malformed_output'
  | 'outside_set'
  | 'unknown';

/** What {@link describeModelFailure} makes of an error thrown by `generateText`. */
export interface ModelCallFailure {
  cause: unknown;
  reason: ModelCallFailureReason;
  isRetryable: boolean;
  statusCode?: number;
  retryAfterMs?: number;
}

export interface DescribeModelFailureOptions {
  /** Now (epoch ms), to turn an HTTP-date `retry-after` into milliseconds. */
  now: number;
  /**
   * Whether the model's (schema-invalid) text names something outside the allowed set — a label,
   * an action. Called only with the raw text of a `NoObjectGeneratedError`; may throw on bad JSON.
   */
  namesOutsideSet: (text: string) => boolean;
}

/**
 * Turns whatever `generateText` threw into a reason a caller can act on; the one reading of the
 * SDK's errors, shared by the model classifier and the model hypotheses generator. A `RetryError`
 * (the SDK gave up after retries) is judged by its last error, so a 429 stays retryable.
 */
export function describeModelFailure(
  error: unknown,
  { now, namesOutsideSet }: DescribeModelFailureOptions,
): ModelCallFailure {
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
    const reason = outsideSet(last.text, namesOutsideSet) ? 'outside_set' : 'malformed_output';
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

function outsideSet(text: string | undefined, namesOutsideSet: (text: string) => boolean) {
  if (text === undefined) return false;
  try {
    return namesOutsideSet(text);
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
