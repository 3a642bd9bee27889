import { GuardloopError, StoreUnavailableError } from '@guardloop/core';

/**
 * Runs a store call of the run path so that a store failure reaches the caller as core's
 * `StoreUnavailableError`, never as a raw driver error, and says whether `do` may already
 * have run. Before `do`, the store's own typed errors (`invalid_input`...) pass unchanged.
 * After `do`, every failure means "the effect may have happened": reporting `invalid_input`
 * or `action_failed` then would invite a retry under a new key, a second payment.
 */
export async function storeCall<T>(
  operation: string,
  effectMayHaveHappened: boolean,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toStoreError(operation, effectMayHaveHappened, error);
  }
}

export function toStoreError(
  operation: string,
  effectMayHaveHappened: boolean,
  error: unknown,
): unknown {
  if (StoreUnavailableError.isInstance(error)) {
    if (error.effectMayHaveHappened || !effectMayHaveHappened) return error;
  } else if (GuardloopError.isInstance(error) && !effectMayHaveHappened) {
    return error;
  }
  return new StoreUnavailableError({ operation, effectMayHaveHappened, cause: error });
}
