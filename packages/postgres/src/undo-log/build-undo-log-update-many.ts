import type { UndoLogBatchUpdate } from '@guardloop/undo-log';
import { storablePatchFields } from '@guardloop/undo-log/internal';
import { undoLogColumns } from './undo-log-columns';

const types: Record<(typeof storablePatchFields)[number], string> = {
  status: 'text',
  snapshot: 'jsonb',
  result: 'jsonb',
  error: 'jsonb',
  traceId: 'text',
  actor: 'jsonb',
  approval: 'jsonb',
  undo: 'jsonb',
  attempts: 'integer',
  leaseOwner: 'text',
  leaseExpiresAt: 'bigint',
  updatedAt: 'bigint',
};

/**
 * `UndoLogStore.updateMany` as one statement: the compare-and-sets arrive as one jsonb array
 * (no parameter limit, one plan), each row sets only the fields it names (`fields`) and applies
 * only while its record matches its `expect`. Returns the ids it updated. The ids also arrive
 * as an array (`$2`) the table is searched with: joined only on the recordset, a table without
 * statistics (PGlite never has any) was scanned whole for every batch of a recovery.
 */
export function buildUndoLogUpdateMany(table: string): string {
  const columns = storablePatchFields.map((field) => {
    const { column } = undoLogColumns[field];
    return { field, column, type: types[field] };
  });
  const assignments = columns
    .map(
      ({ field, column }) =>
        `${column} = CASE WHEN '${field}' = ANY(p.fields) THEN p.${column} ELSE t.${column} END`,
    )
    .join(', ');
  const recordset = columns.map(({ column, type }) => `${column} ${type}`).join(', ');
  return `UPDATE ${table} AS t SET ${assignments}
    FROM jsonb_to_recordset($1::jsonb) AS p(id text, statuses text[], check_owner boolean,
      expect_owner text, fields text[], ${recordset})
    WHERE t.id = ANY($2::text[]) AND t.id = p.id AND t.status = ANY(p.statuses)
      AND (NOT p.check_owner OR t.lease_owner IS NOT DISTINCT FROM p.expect_owner)
    RETURNING t.id`;
}

/**
 * The updates as the statement's parameters: the recordset and its ids. Like `update`, only own,
 * defined, patchable fields count; JSON values are nested as JSON (null becomes SQL NULL either
 * way).
 */
export function toUpdateManyParameters(updates: readonly UndoLogBatchUpdate[]): [string, string[]] {
  return [recordset(updates), updates.map((update) => update.id)];
}

function recordset(updates: readonly UndoLogBatchUpdate[]): string {
  const rows = updates.map(({ id, expect, set }) => {
    const row: Record<string, unknown> = {
      id,
      statuses: [...expect.statuses],
      check_owner: expect.leaseOwner !== undefined,
      expect_owner: expect.leaseOwner ?? null,
    };
    const fields: string[] = [];
    for (const field of storablePatchFields) {
      if (!Object.hasOwn(set, field) || set[field] === undefined) continue;
      fields.push(field);
      row[undoLogColumns[field].column] = set[field];
    }
    row.fields = fields;
    return row;
  });
  return JSON.stringify(rows);
}
