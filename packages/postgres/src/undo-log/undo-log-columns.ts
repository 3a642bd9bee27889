import type { UndoLogRecord } from '@guardloop/undo-log';

type Field = keyof UndoLogRecord;

/** Record field -> column, and whether the column is jsonb. `sequence` is the store's own. */
export const undoLogColumns = {
  id: { column: 'id', json: false },
  actionName: { column: 'action_name', json: false },
  idempotencyKey: { column: 'idempotency_key', json: false },
  inputHash: { column: 'input_hash', json: false },
  input: { column: 'input', json: true },
  snapshot: { column: 'snapshot', json: true },
  result: { column: 'result', json: true },
  error: { column: 'error', json: true },
  status: { column: 'status', json: false },
  reversible: { column: 'reversible', json: false },
  traceId: { column: 'trace_id', json: false },
  actor: { column: 'actor', json: true },
  approval: { column: 'approval', json: true },
  undo: { column: 'undo', json: true },
  attempts: { column: 'attempts', json: false },
  leaseOwner: { column: 'lease_owner', json: false },
  leaseExpiresAt: { column: 'lease_expires_at', json: false },
  createdAt: { column: 'created_at', json: false },
  updatedAt: { column: 'updated_at', json: false },
} as const satisfies Record<Exclude<Field, 'sequence'>, { column: string; json: boolean }>;

export type UndoLogColumnField = keyof typeof undoLogColumns;

/** A JS value as a query parameter: JSON text for jsonb (SQL NULL for null/undefined). */
export function toParameter(field: UndoLogColumnField, value: unknown): unknown {
  if (!undoLogColumns[field].json) return value ?? null;
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** A placeholder, cast to jsonb where needed so both pg and PGlite send text. */
export function placeholder(field: UndoLogColumnField, index: number): string {
  return undoLogColumns[field].json ? `$${index}::jsonb` : `$${index}`;
}

const toNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/**
 * A row as a record. Values are passed through as read (bigints as numbers); the undo log
 * validates every record it reads, so a damaged row becomes `malformed_record` there.
 */
export function rowToRecord(row: Record<string, unknown>): UndoLogRecord {
  const record: Record<string, unknown> = { sequence: toNumber(row.sequence) };
  for (const [field, { column }] of Object.entries(undoLogColumns))
    record[field] = row[column] ?? null;
  record.leaseExpiresAt = toNumber(row.lease_expires_at);
  record.createdAt = toNumber(row.created_at);
  record.updatedAt = toNumber(row.updated_at);
  return record as unknown as UndoLogRecord;
}

const fields = Object.keys(undoLogColumns) as UndoLogColumnField[];

/**
 * The record an insert with these parameters (in `undoLogColumns` order) stored: what `get`
 * would read back, without reading it.
 */
export function paramsToRecord(params: readonly unknown[], sequence: unknown): UndoLogRecord {
  const record: Record<string, unknown> = { sequence: toNumber(sequence) };
  fields.forEach((field, index) => {
    const value = params[index];
    record[field] =
      undoLogColumns[field].json && typeof value === 'string' ? JSON.parse(value) : value;
  });
  return record as unknown as UndoLogRecord;
}
