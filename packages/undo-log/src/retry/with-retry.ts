import pRetry from 'p-retry';
import { isRetryableError } from '../errors/action-failed-error';

export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  retries?: number;
  /** Delay before the first retry (ms). Default 100. Use 0 in tests. */
  minTimeoutMs?: number;
  /** Upper bound of one delay (ms). Default 5000. */
  maxTimeoutMs?: number;
  /** Exponential backoff factor. Default 2. */
  factor?: number;
  /** Multiplies delays by a random factor in [1, 2) to spread retries of many processes. */
  randomize?: boolean;
  /** Which failures are transient. Default: errors with `isRetryable === true`. */
  isRetryable?: (error: unknown) => boolean;
}

/**
 * Runs `operation` with p-retry: transient failures are retried with exponential backoff,
 * others fail at once; an abort stops waiting and rejects with `abortSignal.reason`. An attempt
 * that succeeded is never reported as aborted (p-retry would): its effect happened.
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions,
  abortSignal: AbortSignal,
): Promise<T> {
  const isRetryable = options.isRetryable ?? isRetryableError;
  // Fast path: most first attempts succeed, and p-retry costs more than a store call. A failed
  // first attempt is handed to p-retry as its own first attempt, so backoff, `shouldRetry` and
  // aborts behave exactly as if p-retry had run it.
  abortSignal.throwIfAborted();
  let firstFailure: { error: unknown } | undefined;
  try {
    return await operation(1);
  } catch (error) {
    firstFailure = { error };
  }
  let success: { value: T } | undefined;
  try {
    return await pRetry(
      async (attempt) => {
        if (attempt === 1 && firstFailure) throw firstFailure.error;
        const value = await operation(attempt);
        success = { value };
        return value;
      },
      {
        retries: options.retries ?? 2,
        minTimeout: options.minTimeoutMs ?? 100,
        maxTimeout: options.maxTimeoutMs ?? 5000,
        factor: options.factor ?? 2,
        randomize: options.randomize ?? false,
        signal: abortSignal,
        shouldRetry: ({ error }) => isRetryable(error),
      },
    );
  } catch (error) {
    if (success) return success.value;
    throw error;
  }
}
