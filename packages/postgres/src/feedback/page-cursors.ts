import type { Page } from '@guardloop/feedback';

/**
 * A page from `limit + 1` rows fetched in page order: the extra row only tells that another
 * page exists, so `nextCursor` is absent on the last page, as the interface requires. Cursors
 * come from `encodePageCursor` of `@guardloop/feedback`, as the memory store's do: opaque, bound
 * to the query's filters, holding the key of the last row (keyset paging: stable while rows
 * are written, and as fast on the last page as on the first).
 */
export function keysetPage<Row, Item>(
  rows: readonly Row[],
  limit: number,
  toItem: (row: Row) => Item,
  cursorOf: (row: Row) => string,
): Page<Item> {
  const page: Page<Item> = { items: rows.slice(0, limit).map(toItem) };
  const last = rows[limit - 1];
  if (rows.length > limit && last !== undefined) page.nextCursor = cursorOf(last);
  return page;
}
