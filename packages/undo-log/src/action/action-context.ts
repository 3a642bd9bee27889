import type { Actor } from '@guardloop/core';

/** Given to `dryRun` and `snapshot`: no action id exists yet. */
export interface PlanContext {
  traceId: string;
  actor: Actor;
  /** `undefined` only in a dry run without a key. */
  idempotencyKey: string | undefined;
  abortSignal: AbortSignal;
}

/** Given to `do`. */
export interface DoContext<Snapshot> {
  actionId: string;
  idempotencyKey: string;
  traceId: string;
  actor: Actor;
  snapshot: Snapshot;
  /** 1 for the first try, then 2, 3... when a retryable failure is retried. */
  attempt: number;
  abortSignal: AbortSignal;
}

/** Given to `undo`. */
export interface UndoContext<Output, Snapshot> {
  actionId: string;
  traceId: string;
  /** What `do` returned; `undefined` when crash recovery undoes a record left `pending`. */
  result: Output | undefined;
  snapshot: Snapshot;
  /** Who or what asked for the undo, and why. */
  by: Actor;
  reason: string;
  attempt: number;
  abortSignal: AbortSignal;
}

/** Given to `isComplete` during crash recovery. */
export interface RecoveryContext {
  actionId: string;
  traceId: string;
  abortSignal: AbortSignal;
}
