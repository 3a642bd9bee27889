/**
 * Waits before trying again (a busy key's lock, a lost serialization race): 1 ms, then up to
 * twice as long each round (capped at 25 ms), with jitter so that the waiters of one key do not
 * retry in step. Rejects with the abort reason as soon as the signal aborts.
 */
export function pauseBeforeRetry(round: number, signal: AbortSignal | undefined): Promise<void> {
  const ceiling = Math.min(25, 2 ** round);
  const delayMs = 1 + Math.random() * ceiling;
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, delayMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
