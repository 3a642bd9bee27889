import { parseInput } from '@guardloop/core';
import { throwIfAborted } from '@guardloop/core/internal';
import { ActionInProgressError } from '../errors/action-in-progress-error';
import { UndoFailedError } from '../errors/undo-failed-error';
import { parseStoredRecord } from '../record/parse-stored-record';
import { traceIdSchema } from './id-schemas';
import type { UndoResult } from './perform-undo';
import { type UndoOptions, undoOptionsSchema, undoRecord } from './undo-action';
import type { UndoLogRuntime } from './undo-log-runtime';

export interface SkippedUndo {
  actionId: string;
  actionName: string;
  /** Irreversible actions cannot be undone; failed ones had no effect to undo. */
  reason: 'irreversible' | 'failed';
}

export interface UndoTraceResult {
  traceId: string;
  /** Newest first, including actions that were already undone. */
  undone: UndoResult[];
  skipped: SkippedUndo[];
}

/**
 * `UndoLog.undoTrace`: undoes every done action of a trace, newest first. Refuses while an
 * action of the trace is still running; stops at the first undo that fails.
 */
export async function undoTrace(
  runtime: UndoLogRuntime,
  traceId: string,
  rawOptions: UndoOptions,
): Promise<UndoTraceResult> {
  parseInput(traceIdSchema, traceId, 'trace id');
  const options = parseInput(undoOptionsSchema, rawOptions, 'undo options');
  throwIfAborted(options.abortSignal);
  const records = (await runtime.store.listByTrace(traceId)).map(parseStoredRecord).reverse();
  const running = records.find(
    (record) => record.status === 'pending' || record.status === 'undoing',
  );
  if (running) throw new ActionInProgressError({ actionId: running.id, status: running.status });

  const result: UndoTraceResult = { traceId, undone: [], skipped: [] };
  for (const record of records) {
    const { id: actionId, actionName } = record;
    if (!record.reversible) {
      if (record.status === 'done')
        result.skipped.push({ actionId, actionName, reason: 'irreversible' });
      continue;
    }
    if (record.status === 'failed') {
      result.skipped.push({ actionId, actionName, reason: 'failed' });
      continue;
    }
    try {
      result.undone.push(await undoRecord(runtime, record, options));
    } catch (error) {
      if (!(error instanceof UndoFailedError)) throw error;
      throw new UndoFailedError({
        actionId,
        cause: error.cause,
        undoneActionIds: result.undone
          .filter((undo) => !undo.alreadyUndone)
          .map((undo) => undo.actionId),
      });
    }
  }
  return result;
}
