import { GuardloopError } from '@guardloop/core';
import type { UndoLogRecord } from '../record/undo-log-record';
import { undoLogErrorCodes } from './undo-log-error-codes';

const code = undoLogErrorCodes.actionInterrupted;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/**
 * The idempotency key belongs to a run that crash recovery left `failed` with code
 * `interrupted`: its process died inside `do` and nobody could confirm whether the effect
 * happened (a payment may have gone out). It never runs again under this key, whatever the
 * retry: a person checks the target system (`record` says what was attempted) and, if the
 * effect is missing, runs it under a new key. Not retryable.
 */
export class ActionInterruptedError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly actionId: string;
  readonly actionName: string;
  readonly idempotencyKey: string;
  /** The interrupted record, as stored. */
  readonly record: UndoLogRecord;

  constructor({ record }: { record: UndoLogRecord }) {
    super(code, {
      message: `Action ${record.id} ('${record.actionName}') was interrupted and recovery could not confirm its effect; it will not run again under idempotency key '${record.idempotencyKey}'. A person must check it.`,
    });
    this.name = 'ActionInterruptedError';
    this.actionId = record.id;
    this.actionName = record.actionName;
    this.idempotencyKey = record.idempotencyKey;
    this.record = record;
  }

  static override isInstance(error: unknown): error is ActionInterruptedError {
    return GuardloopError.hasMarker(error, marker);
  }
}
