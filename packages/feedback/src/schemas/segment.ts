import { z } from 'zod';
import { storableKeySchema } from './storable-values';

/** The value of a segment field that no event has supplied yet. */
export const unknownSegmentValue = 'unknown';

export const segmentFields = ['category', 'channel', 'queue'] as const;
export type SegmentField = (typeof segmentFields)[number];

/** Where a trace belongs for KPIs: what it is about, how it came in, who handles it. */
export const segmentSchema = z.object({
  category: storableKeySchema,
  channel: storableKeySchema,
  queue: storableKeySchema,
});

export type Segment = z.output<typeof segmentSchema>;

/** Exact match on each given field; strict so that a misspelt field is an error, not "everything". */
export const segmentFilterSchema = z.strictObject({
  category: storableKeySchema.optional(),
  channel: storableKeySchema.optional(),
  queue: storableKeySchema.optional(),
});

export type SegmentFilter = z.output<typeof segmentFilterSchema>;

export function matchesSegment(segment: Segment, filter: SegmentFilter | undefined): boolean {
  if (!filter) return true;
  return segmentFields.every((field) => {
    const wanted = filter[field];
    return wanted === undefined || segment[field] === wanted;
  });
}
