import type { Page, PageQuery } from './feedback-store';
import {
  type CursorKey,
  decodePageCursor,
  encodePageCursor,
  type PagedListing,
} from './page-cursor';

export const defaultPageLimit = 100;
export const maxPageLimit = 1000;

/** The page size a store should use: the default when omitted, clamped into `[1, 1000]`. */
export function pageLimit(query: PageQuery): number {
  const limit = query.limit ?? defaultPageLimit;
  if (!Number.isFinite(limit)) return defaultPageLimit;
  return Math.min(maxPageLimit, Math.max(1, Math.floor(limit)));
}

/**
 * A keyset page of `items` (already filtered and in key order): the items after the cursor's
 * key, as a SQL store reads them with `WHERE key > $cursor ORDER BY key LIMIT n`. Items
 * written between two pages therefore neither repeat nor shift them.
 */
export function keysetPageFrom<Item, Listing extends PagedListing>(
  listing: Listing,
  items: readonly Item[],
  query: PageQuery & object,
  keyOf: (item: Item) => CursorKey<Listing>,
  isAfter: (item: Item, key: CursorKey<Listing>) => boolean,
): Page<Item> {
  const after = decodePageCursor(listing, query);
  const limit = pageLimit(query);
  const start = after === undefined ? 0 : items.findIndex((item) => isAfter(item, after));
  if (start < 0) return { items: [] };
  const page: Page<Item> = { items: items.slice(start, start + limit) };
  const last = page.items.at(-1);
  if (start + limit < items.length && last !== undefined) {
    page.nextCursor = encodePageCursor(listing, query, keyOf(last));
  }
  return page;
}

/** Reads every page of a paged query, for batch jobs. */
export async function readAllPages<Item>(
  readPage: (cursor: string | undefined) => Promise<Page<Item>>,
): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | undefined;
  do {
    const page = await readPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return items;
}
