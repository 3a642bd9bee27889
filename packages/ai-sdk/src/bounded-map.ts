/** A map that keeps at most `maxEntries` entries, evicting the oldest first. */
export interface BoundedMap<Value> {
  set(key: string, value: Value): void;
  get(key: string): Value | undefined;
  /** Removes and returns the entry, if any. */
  take(key: string): Value | undefined;
  delete(key: string): void;
  readonly size: number;
}

export function createBoundedMap<Value>(maxEntries: number): BoundedMap<Value> {
  const entries = new Map<string, Value>();
  return {
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      // Map iteration follows insertion order: the first key is the oldest.
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(oldest);
      }
    },
    get: (key) => entries.get(key),
    take(key) {
      const value = entries.get(key);
      entries.delete(key);
      return value;
    },
    delete(key) {
      entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
