import { z } from 'zod';
import type { Signal } from '../schemas/signal';
import { type Clock, systemClock } from '../utils/clock';
import { clockSchema } from '../utils/option-schemas';
import { parseInput } from '../utils/parse-input';

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
  /**
   * Records the signal and says whether its fingerprint was seen within the window.
   * @throws InvalidInputError when the signal has no fingerprint
   */
  check(signal: Pick<Signal, 'fingerprint' | 'traceId'>): DeduplicationResult;
  size(): number;
  clear(): void;
}

const optionsSchema = z
  .object({
    // Finite: NaN would make every comparison false and silently turn deduplication off.
    windowMs: z.number().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    maxEntries: z.number().int().positive().optional(),
    clock: clockSchema.optional(),
  })
  .optional();

const signalSchema = z.object({ fingerprint: z.string().min(1), traceId: z.string() });

/**
 * In-memory, bounded deduplication by fingerprint within a sliding window.
 * @throws InvalidInputError (`invalid_input`) for a window or bound that is not a positive number
 */
export function createSignalDeduplicator(
  options: SignalDeduplicatorOptions = {},
): SignalDeduplicator {
  const {
    windowMs = 60 * 60 * 1000,
    maxEntries = 100_000,
    clock = systemClock,
  } = parseInput(optionsSchema, options, 'signal deduplicator options') ?? {};
  // Map keeps insertion order, so the first entries are the oldest: eviction is O(1).
  const seen = new Map<string, { at: number; traceId: string; count: number }>();

  const evictExpired = (now: number) => {
    for (const [key, entry] of seen) {
      if (now - entry.at < windowMs) break;
      seen.delete(key);
    }
  };

  return {
    check(signalInput) {
      const signal = parseInput(signalSchema, signalInput, 'signal');
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
