import type { UndoLogUpdate } from '@guardloop/undo-log';
import { storablePatchFields } from '@guardloop/undo-log/internal';
import { placeholder, toParameter, undoLogColumns } from './undo-log-columns';

/**
 * `UPDATE ... WHERE id AND status [AND lease_owner] RETURNING *`: the compare-and-set of
 * `UndoLogStore.update`, as one statement so it is atomic without a transaction. Only the
 * patchable fields, read as own properties, reach the SQL: never `toString`, `constructor`
 * or an identity column, whatever the patch object carries.
 */
export function buildUndoLogUpdate(
  table: string,
  id: string,
  { expect, set }: UndoLogUpdate,
  /** `id` when the caller needs only to know whether it applied (no JSON sent back). */
  returning: '*' | 'id' = '*',
): { text: string; params: unknown[] } {
  const params: unknown[] = [id, [...expect.statuses]];
  const assignments: string[] = [];
  for (const field of storablePatchFields) {
    if (!Object.hasOwn(set, field)) continue;
    const value = set[field];
    if (value === undefined) continue;
    params.push(toParameter(field, value));
    assignments.push(`${undoLogColumns[field].column} = ${placeholder(field, params.length)}`);
  }
  let where = 'id = $1 AND status = ANY($2::text[])';
  if (expect.leaseOwner !== undefined) {
    params.push(expect.leaseOwner);
    where += ` AND lease_owner IS NOT DISTINCT FROM $${params.length}::text`;
  }
  // An empty patch still checks the condition and returns the record.
  const setClause = assignments.length > 0 ? assignments.join(', ') : 'id = id';
  return { text: `UPDATE ${table} SET ${setClause} WHERE ${where} RETURNING ${returning}`, params };
}
