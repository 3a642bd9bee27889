/** Object keys a scanning rail found clean, remembered across its evaluations. */
export interface CleanKeyMemory {
  has(key: string): boolean;
  /** Remembers a key found clean; a long one is not kept. */
  remember(key: string): void;
}

const maxRememberedKeys = 1024;
const maxRememberedKeyLength = 64;

/**
 * Keys repeat from one decision to the next (`signal`, `payload`, `customerId`...): a rail that
 * scans every key of a value remembers the short ones it found clean, so they are not scanned
 * again. Bounded: past 1,024 keys it starts over. A key with findings is never remembered.
 */
export function createCleanKeyMemory(): CleanKeyMemory {
  const keys = new Set<string>();
  return {
    has: (key) => keys.has(key),
    remember(key) {
      if (key.length > maxRememberedKeyLength) return;
      if (keys.size >= maxRememberedKeys) keys.clear();
      keys.add(key);
    },
  };
}
