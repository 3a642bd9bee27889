import { type Actor, type Clock, GuardloopError, type IdGenerator } from '@guardloop/core';
import { describeThrown } from '@guardloop/core/internal';
import type { AnyActionDefinition } from '../action/define-action';
import type { VerifyApproval } from '../approval/approval-token';
import { ActionNotFoundError } from '../errors/action-not-found-error';
import { UnknownActionError } from '../errors/unknown-action-error';
import { parseStoredRecord } from '../record/parse-stored-record';
import { toStorableString } from '../record/storable-values';
import type { StoredError, UndoLogRecord } from '../record/undo-log-record';
import type { RetryOptions } from '../retry/with-retry';
import type { UndoLogStore } from '../store/undo-log-store';
import { interruptedErrorCode } from './interrupted-error-code';
import type { LeaseKeeper } from './lease-keeper';

/** Everything the operations of one undo log share; built once by `createUndoLog`. */
export interface UndoLogRuntime {
  store: UndoLogStore;
  clock: Clock;
  idGenerator: IdGenerator;
  /** Identifies this process in leases. */
  ownerId: string;
  leaseMs: number;
  retry: RetryOptions;
  verifyApproval: VerifyApproval;
  requireIdempotencyKey: boolean;
  actions: ReadonlyMap<string, AnyActionDefinition>;
  recoveryActor: Actor;
  /** Renews the leases of running actions, undos and recoveries: one heartbeat for all. */
  leases: LeaseKeeper;
}

export function resolveAction(runtime: UndoLogRuntime, name: string): AnyActionDefinition {
  const action = runtime.actions.get(name);
  if (!action)
    throw new UnknownActionError({ actionName: name, known: [...runtime.actions.keys()] });
  return action;
}

export async function readRecord(
  runtime: UndoLogRuntime,
  actionId: string,
): Promise<UndoLogRecord> {
  const record = await runtime.store.get(actionId);
  if (record === undefined) throw new ActionNotFoundError({ actionId });
  return parseStoredRecord(record);
}

/** The error as a record keeps it: its code and message, storable and bounded. */
export function toStoredError(error: unknown): StoredError {
  const thrown = GuardloopError.isInstance(error)
    ? error.code
    : typeof (error as { code?: unknown } | null)?.code === 'string'
      ? (error as { code: string }).code
      : error instanceof Error
        ? error.name
        : 'error';
  // An action's own `interrupted` error failed cleanly: it must not lock its key like recovery's.
  const code = thrown === interruptedErrorCode ? `action:${thrown}` : thrown;
  return {
    code: toStorableString(code, 200),
    message: toStorableString(describeThrown(error), 4_000),
  };
}

/** Records store `null` for "no snapshot"; actions without `snapshot` expect `undefined`. */
export function restoreSnapshot(action: AnyActionDefinition, snapshot: unknown): unknown {
  return action.snapshot === undefined && snapshot === null ? undefined : snapshot;
}

/** A signal that never aborts, so actions can always rely on receiving one. */
export function signalOrNever(signal: AbortSignal | undefined): AbortSignal {
  return signal ?? new AbortController().signal;
}
