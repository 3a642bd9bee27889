import type { TraceState } from '../schemas/trace-state';

/** Traces a recorder keeps the last state it wrote of (least recently written dropped first). */
export const traceCacheSize = 10_000;

/**
 * The trace states this recorder wrote last, so that its next outcome on the trace can commit
 * without reading it first. Only a guess: the commit's compare-and-set on the revision rejects
 * a stale one (another process wrote meanwhile), and the recorder then reads the trace. States
 * are never changed in place (the fold copies), so they are kept as they are.
 */
export function createTraceCache(limit = traceCacheSize) {
  const states = new Map<string, TraceState>();
  return {
    get: (traceId: string) => states.get(traceId),
    has: (traceId: string) => states.has(traceId),
    set(trace: TraceState) {
      states.delete(trace.traceId);
      states.set(trace.traceId, trace);
      if (states.size > limit) states.delete(states.keys().next().value as string);
    },
    delete: (traceId: string) => void states.delete(traceId),
    size: () => states.size,
  };
}

export type TraceCache = ReturnType<typeof createTraceCache>;
