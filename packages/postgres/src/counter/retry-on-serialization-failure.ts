import { pauseBeforeRetry } from './pause-before-retry';

// serialization_failure and deadlock_detected: the statement had no effect and may be rerun.
const retryable = new Set(['40001', '40P01']);
// Each failure means a concurrent writer of the row got through: progress is certain, and a
// few jittered pauses spread the losers out.
const attempts = 10;

/** The SQLSTATE of a driver error, also when a client wrapped it (e.g. in `StoreUnavailableError`). */
function sqlState(error: unknown): unknown {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Reruns a single upsert that lost a race under REPEATABLE READ or SERIALIZABLE (a database whose
 * `default_transaction_isolation` is not READ COMMITTED makes autocommit statements fail with
 * 40001 on concurrent updates of one row). Other errors, and the last failure, are rethrown.
 */
export async function retryOnSerializationFailure<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !retryable.has(sqlState(error) as string)) throw error;
    }
    await pauseBeforeRetry(attempt - 1, undefined);
  }
}
