import { Buffer } from 'node:buffer';
import { InvalidInputError } from '@guardloop/core';
import type { Page } from '@guardloop/feedback';
import type { z } from 'zod';

// The memory store's wording, so both stores reject a foreign cursor alike.
const unknownCursor = () =>
  new InvalidInputError({
    subject: 'page query',
    issues: [{ path: 'cursor', message: 'Unknown cursor' }],
  });

/**
 * A sequence cursor: the decimal `sequence` of the last item returned, as the memory store
 * issues for outcomes. The next page holds the rows with a greater sequence (keyset paging:
 * stable while rows are appended, and as fast on the last page as on the first).
 */
export function parseSequenceCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const sequence = Number(cursor);
  if (!/^\d+$/.test(cursor) || !Number.isSafeInteger(sequence)) throw unknownCursor();
  return sequence;
}

/** An opaque cursor holding the sort key of the last item returned (base64url JSON). */
export function encodeKeyCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Reads a cursor of `encodeKeyCursor`; anything else is `invalid_input`. */
export function parseKeyCursor<Key>(
  cursor: string | undefined,
  schema: z.ZodType<Key>,
): Key | undefined {
  if (cursor === undefined) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw unknownCursor();
  }
  const result = schema.safeParse(decoded);
  if (!result.success) throw unknownCursor();
  return result.data;
}

/**
 * A page from `limit + 1` rows fetched in page order: the extra row only tells that another
 * page exists, so `nextCursor` is absent on the last page, as the interface requires.
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
