import { toInputIssues } from '@guardloop/core/internal';
import { MalformedRecordError } from '../errors/malformed-record-error';
import { isPlainStoredRecord } from './fast-record-checks';
import { type UndoLogRecord, undoLogRecordSchema } from './undo-log-record';

/**
 * Stores are user-replaceable and data outlives code, so every record read back is
 * validated: a bad one becomes a `MalformedRecordError` instead of a crash deep inside undo.
 */
export function parseStoredRecord(value: unknown): UndoLogRecord {
  // A record of the exact shape is used as it is (zod would only copy it); a check that
  // throws (a hostile getter) leaves the verdict to zod.
  if (isPlainRecord(value)) return value as UndoLogRecord;
  const result = undoLogRecordSchema.safeParse(value);
  if (result.success) return result.data;
  const id = (value as { id?: unknown } | null)?.id;
  throw new MalformedRecordError({
    ...(typeof id === 'string' ? { recordId: id } : {}),
    issues: toInputIssues(result.error.issues),
    cause: result.error,
  });
}

function isPlainRecord(value: unknown): boolean {
  try {
    return isPlainStoredRecord(value);
  } catch {
    return false;
  }
}
