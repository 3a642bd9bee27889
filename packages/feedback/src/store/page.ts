import { InvalidInputError } from '@guardloop/core';
import type { Page, PageQuery } from './feedback-store';

export const defaultPageLimit = 100;
export const maxPageLimit = 1000;

/** The page size a store should use: the default when omitted, clamped into `[1, 1000]`. */
export function pageLimit(query: PageQuery): number {
  const limit = query.limit ?? defaultPageLimit;
  if (!Number.isFinite(limit)) return defaultPageLimit;
  return Math.min(maxPageLimit, Math.max(1, Math.floor(limit)));
}

/** Reads an offset cursor as produced by `pageFrom`. */
export function offsetCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const offset = Number(cursor);
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new InvalidInputError({
      subject: 'page query',
      issues: [{ path: 'cursor', message: 'Unknown cursor' }],
    });
  }
  return offset;
}

/** Pages through `items` (already filtered and ordered) from an offset cursor. */
export function pageFrom<Item>(items: readonly Item[], query: PageQuery): Page<Item> {
  const start = offsetCursor(query.cursor);
  const end = start + pageLimit(query);
  const page: Page<Item> = { items: items.slice(start, end) };
  if (end < items.length) page.nextCursor = String(end);
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
