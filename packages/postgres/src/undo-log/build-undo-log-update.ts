import { type UndoLogUpdate, undoLogStatuses } from '@guardloop/undo-log';
import { storablePatchFields } from '@guardloop/undo-log/internal';
import { placeholder, toParameter, undoLogColumns } from './undo-log-columns';

const knownStatuses: ReadonlySet<string> = new Set(undoLogStatuses);

/**
 * The expected statuses as SQL literals. They are validated enum values (checked again here, so
 * that nothing else can reach the text): as literals, one statement text per status set, which
 * the client keeps prepared, and no array parameter to send and parse.
 */
export function statusList(statuses: readonly string[]): string {
  const unique = [...new Set(statuses)];
  for (const status of unique)
    if (!knownStatuses.has(status)) throw new Error(`Unknown undo-log status ${status}.`);
  return unique.map((status) => `'${status}'`).join(', ');
}

/**
 * `UPDATE ... WHERE id AND status [AND lease_owner] [RETURNING *]`: the compare-and-set of
 * `UndoLogStore.update`, as one statement so it is atomic without a transaction. Only the
 * patchable fields, read as own properties, reach the SQL: never `toString`, `constructor`
 * or an identity column, whatever the patch object carries. A field set to null is written as
 * `NULL`, so that the text (kept prepared) depends only on which fields are set and how.
 */
export function buildUndoLogUpdate(
  table: string,
  id: string,
  { expect, set }: UndoLogUpdate,
  /** `nothing` when the caller needs only the row count (whether it applied). */
  returning: '*' | 'nothing' = '*',
): { text: string; params: unknown[] } {
  const params: unknown[] = [id];
  const assignments: string[] = [];
  for (const field of storablePatchFields) {
    if (!Object.hasOwn(set, field)) continue;
    const value = set[field];
    if (value === undefined) continue;
    const { column } = undoLogColumns[field];
    if (value === null) {
      assignments.push(`${column} = NULL`);
      continue;
    }
    params.push(toParameter(field, value));
    assignments.push(`${column} = ${placeholder(field, params.length)}`);
  }
  let where = `id = $1 AND status IN (${statusList(expect.statuses)})`;
  if (expect.leaseOwner === null) where += ' AND lease_owner IS NULL';
  else if (expect.leaseOwner !== undefined) {
    params.push(expect.leaseOwner);
    where += ` AND lease_owner = $${params.length}`;
  }
  // An empty patch still checks the condition and returns the record.
  const setClause = assignments.length > 0 ? assignments.join(', ') : 'id = id';
  const tail = returning === '*' ? ' RETURNING *' : '';
  return { text: `UPDATE ${table} SET ${setClause} WHERE ${where}${tail}`, params };
}
