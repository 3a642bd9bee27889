import type { Clock } from '@guardloop/core';

/**
 * Renews a record's lease every third of `leaseMs` while its action runs, so that crash
 * recovery in another process never takes over a live action. Returns a stop function.
 */
export function startLeaseHeartbeat(
  clock: Clock,
  leaseMs: number,
  renew: (leaseExpiresAt: number) => Promise<unknown>,
): () => void {
  let cancel: (() => void) | undefined;
  let stopped = false;
  const schedule = () => {
    cancel = clock.setTimer(Math.max(1, Math.floor(leaseMs / 3)), () => {
      // A failed renewal is not fatal here: completing the record checks the lease owner.
      renew(clock.now() + leaseMs).then(
        () => !stopped && schedule(),
        () => !stopped && schedule(),
      );
    });
  };
  schedule();
  return () => {
    stopped = true;
    cancel?.();
  };
}
