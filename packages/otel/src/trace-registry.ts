import type { Context, Span, SpanContext } from '@opentelemetry/api';

/** What is known about one guardloop trace: its decision span context and the spans still open. */
export interface TraceRecord {
  /** The root span's context: what later outcomes, undos and resumed runs link to. */
  spanContext: SpanContext;
  root?: Span | undefined;
  /** The root in the context `handle()` was called in, made once: the parent of every step. */
  rootContext?: Context | undefined;
  /** No tracer behind the root (API only, no SDK): the run's children are not started at all. */
  disabled?: boolean | undefined;
  decide?: Span | undefined;
  /** The decide span in `rootContext`: the parent of every rail. */
  decideContext?: Context | undefined;
  act?: Span | undefined;
  /** The step running now (classify, hypotheses or act), ended if the run is abandoned. */
  step?: Span | undefined;
  /** Takes the run off its abort signal's watch list. */
  stopWatching?: (() => void) | undefined;
  /** Undo-log action spans of the trace, for `undoTrace` links. */
  actions: SpanContext[];
}

/** A Map kept to `max` entries, the oldest dropped first. */
export interface BoundedMap<Value> {
  get(key: string): Value | undefined;
  set(key: string, value: Value): void;
}

/**
 * Keys in a ring, so dropping the oldest is O(1): a Map's own iteration order would do, but V8
 * leaves deleted entries as holes that `entries().next()` walks over, which made every eviction
 * cost thousands of steps once the map was full.
 */
export function createBoundedMap<Value>(
  max: number,
  onEvict?: (value: Value) => void,
): BoundedMap<Value> {
  const entries = new Map<string, Value>();
  const ring: (string | undefined)[] = [];
  let next = 0;
  // Every step, rail and event of a run asks for the same trace in a row: remember the last one.
  let lastKey: string | undefined;
  let lastValue: Value | undefined;
  return {
    get(key) {
      if (key === lastKey) return lastValue;
      const value = entries.get(key);
      if (value !== undefined) {
        lastKey = key;
        lastValue = value;
      }
      return value;
    },
    set(key, value) {
      // The size tells a new key from a known one without a second lookup.
      const size = entries.size;
      entries.set(key, value);
      // The key just set is the one asked for next (a run's steps, rails and events follow its
      // start): remembered here, the first of those lookups does not go to the map.
      lastKey = key;
      lastValue = value;
      if (entries.size === size) return;
      const oldest = ring[next];
      ring[next] = key;
      next = (next + 1) % max;
      if (oldest === undefined) return;
      const evicted = entries.get(oldest);
      entries.delete(oldest);
      if (oldest === lastKey) lastKey = lastValue = undefined;
      if (evicted !== undefined) onEvict?.(evicted);
    },
  };
}
