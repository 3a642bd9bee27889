import { toInputIssues } from '@guardloop/core/internal';
import { MalformedRecordError } from '../errors/malformed-record-error';
import { type UndoLogRecord, undoLogRecordSchema } from './undo-log-record';

/**
 * Stores are user-replaceable and data outlives code, so every record read back is
 * validated: a bad one becomes a `MalformedRecordError` instead of a crash deep inside undo.
 */
export function parseStoredRecord(value: unknown): UndoLogRecord {
  const result = undoLogRecordSchema.safeParse(value);
  if (result.success) return result.data;
  const id = (value as { id?: unknown } | null)?.id;
  throw new MalformedRecordError({
    ...(typeof id === 'string' ? { recordId: id } : {}),
    issues: toInputIssues(result.error.issues),
    cause: result.error,
  });
}
