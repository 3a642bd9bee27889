/**
 * Runs a write so that an abort can never leave its outcome unknown. `work` calls `send()` right
 * before it sends the statement that writes: `send` throws the abort reason when the caller
 * already gave up. Until then an abort rejects at once (the work stops at its next `send`, or
 * earlier, and writes nothing); after it the abort is too late and the call resolves with what
 * was written. A rejection with the abort reason therefore always means nothing was written.
 */
export function writeOnce<T>(
  signal: AbortSignal | undefined,
  work: (send: () => void) => Promise<T>,
): Promise<T> {
  if (!signal) return work(() => {});
  if (signal.aborted) return Promise.reject(signal.reason);
  let sent = false;
  const send = () => {
    // Same tick as the check in onAbort: either this throws, or the abort sees `sent`.
    if (signal.aborted) throw signal.reason;
    sent = true;
  };
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      if (!sent) reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work(send)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}
