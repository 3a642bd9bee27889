import type { Signal } from '../schemas/signal';
import { type Clock, systemClock } from '../utils/clock';

export interface SignalDeduplicatorOptions {
  /** How long a fingerprint suppresses repeats (ms). Default: 1 hour. */
  windowMs?: number;
  /** Upper bound on remembered fingerprints; the oldest are forgotten first. Default 100 000. */
  maxEntries?: number;
  clock?: Clock;
}

export type DeduplicationResult =
  | { duplicate: false }
  | { duplicate: true; firstSeenAt: number; firstTraceId: string; count: number };

export interface SignalDeduplicator {
  /** Records the signal and says whether its fingerprint was seen within the window. */
  check(signal: Pick<Signal, 'fingerprint' | 'traceId'>): DeduplicationResult;
  size(): number;
  clear(): void;
}

/** In-memory, bounded deduplication by fingerprint within a sliding window. */
export function createSignalDeduplicator(
  options: SignalDeduplicatorOptions = {},
): SignalDeduplicator {
  const { windowMs = 60 * 60 * 1000, maxEntries = 100_000, clock = systemClock } = options;
  if (!(windowMs > 0) || !(maxEntries > 0)) {
    throw new RangeError('windowMs and maxEntries must be positive.');
  }
  // Map keeps insertion order, so the first entries are the oldest: eviction is O(1).
  const seen = new Map<string, { at: number; traceId: string; count: number }>();

  const evictExpired = (now: number) => {
    for (const [key, entry] of seen) {
      if (now - entry.at < windowMs) break;
      seen.delete(key);
    }
  };

  return {
    check(signal) {
      const now = clock.now();
      evictExpired(now);
      const entry = seen.get(signal.fingerprint);
      if (entry && now - entry.at < windowMs) {
        entry.count++;
        return {
          duplicate: true,
          firstSeenAt: entry.at,
          firstTraceId: entry.traceId,
          count: entry.count,
        };
      }
      // Re-inserting moves the key to the end, keeping the map ordered by first-seen time.
      seen.delete(signal.fingerprint);
      seen.set(signal.fingerprint, { at: now, traceId: signal.traceId, count: 1 });
      if (seen.size > maxEntries) seen.delete(seen.keys().next().value as string);
      return { duplicate: false };
    },
    size: () => seen.size,
    clear: () => seen.clear(),
  };
}
