import type { InboxItem, InboxItemPatch, NewInboxItem } from '@guardloop/inbox';

/** Item fields kept in their own (indexed) columns; the rest lives in `document`. */
export const inboxColumns = {
  id: 'id',
  traceId: 'trace_id',
  status: 'status',
  queue: 'queue',
  assignee: 'assignee',
  leaseExpiresAt: 'lease_expires_at',
  acknowledgedAt: 'acknowledged_at',
  acknowledgeBy: 'acknowledge_by',
  decideBy: 'decide_by',
  revision: 'revision',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} as const satisfies Partial<Record<keyof InboxItem, string>>;

export type InboxColumnField = keyof typeof inboxColumns;
const columnFields = new Set<string>(Object.keys(inboxColumns));
const numericFields = new Set<string>([
  'leaseExpiresAt',
  'acknowledgedAt',
  'acknowledgeBy',
  'decideBy',
  'revision',
  'createdAt',
  'updatedAt',
]);

/** Splits an item (or a patch) into column values and the `document` part. */
export function splitFields(fields: Partial<NewInboxItem> | InboxItemPatch): {
  columns: [InboxColumnField, unknown][];
  document: Record<string, unknown>;
} {
  const columns: [InboxColumnField, unknown][] = [];
  const document: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (field === 'history' || value === undefined) continue;
    if (columnFields.has(field)) columns.push([field as InboxColumnField, value]);
    else document[field] = value;
  }
  return { columns, document };
}

const toNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** A row as an item: `document`, then the columns over it (bigints read as numbers). */
export function rowToItem(row: Record<string, unknown>): InboxItem {
  const item: Record<string, unknown> = { ...(row.document as object) };
  for (const [field, column] of Object.entries(inboxColumns))
    item[field] = numericFields.has(field) ? toNumber(row[column]) : (row[column] ?? null);
  item.sequence = Number(row.sequence);
  item.history = row.history ?? [];
  return item as unknown as InboxItem;
}
