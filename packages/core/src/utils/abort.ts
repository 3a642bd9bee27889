import { InvalidInputError } from '../errors/invalid-input-error';

/** Throws the signal's reason when it is already aborted (the convention of fetch and xstate). */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
}

/** Resolves or rejects with `promise`, or rejects with `signal.reason` as soon as it aborts. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (typeof (promise as Promise<T> | null)?.then !== 'function') {
    return Promise.reject(
      new InvalidInputError({
        subject: 'raceAbort',
        issues: [{ path: 'promise', message: 'Expected a promise' }],
      }),
    );
  }
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
