import { Buffer } from 'node:buffer';
import { canonicalJson, sha256 } from '@guardloop/core/internal';
import { z } from 'zod';
import { storableKeySchema } from '../schemas/storable-values';
import { unknownCursorError } from './feedback-store-arguments';

const sequence = z.number().int().nonnegative();

/**
 * The sort key of the last item of a page, per listing: the next page starts after it.
 * Outcomes: `sequence`; traces: the order they were first written in; artifacts: id;
 * problems: (lastSeenAt, id), newest first.
 */
export const pageCursorKeys = {
  outcomes: z.tuple([sequence]),
  traces: z.tuple([sequence]),
  artifacts: z.tuple([storableKeySchema]),
  problems: z.tuple([z.number().int(), storableKeySchema]),
} as const;

export type PagedListing = keyof typeof pageCursorKeys;
export type CursorKey<Listing extends PagedListing> = z.output<(typeof pageCursorKeys)[Listing]>;

/** A short digest of the listing and its filters: a cursor only fits the query it came from. */
function queryDigest(listing: string, query: object): string {
  const { cursor: _cursor, limit: _limit, ...filters } = query as Record<string, unknown>;
  return sha256(canonicalJson([listing, filters]), 'base64url').slice(0, 16);
}

const envelopeSchema = z.object({ q: z.string(), k: z.array(z.unknown()) });

/**
 * An opaque cursor (base64url JSON) holding the sort key of the last item returned and a
 * digest of the query's filters (not its `limit`, which may change from page to page).
 */
export function encodePageCursor<Listing extends PagedListing>(
  listing: Listing,
  query: object,
  key: CursorKey<Listing>,
): string {
  const envelope = { q: queryDigest(listing, query), k: key };
  return Buffer.from(JSON.stringify(envelope)).toString('base64url');
}

/**
 * The key in `query.cursor`, or `undefined` without one. A cursor that `encodePageCursor` did
 * not produce for this listing with these filters is `invalid_input`.
 */
export function decodePageCursor<
  Listing extends PagedListing,
  Query extends { cursor?: string | undefined },
>(listing: Listing, query: Query): CursorKey<Listing> | undefined {
  const { cursor } = query;
  if (cursor === undefined) return undefined;
  let envelope: z.output<typeof envelopeSchema>;
  try {
    if (!/^[A-Za-z0-9_-]*$/.test(cursor)) throw new Error('not base64url');
    envelope = envelopeSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw unknownCursorError();
  }
  if (envelope.q !== queryDigest(listing, query)) {
    throw unknownCursorError('The cursor belongs to a query with other filters');
  }
  const key = pageCursorKeys[listing].safeParse(envelope.k);
  if (!key.success) throw unknownCursorError();
  return key.data as CursorKey<Listing>;
}
