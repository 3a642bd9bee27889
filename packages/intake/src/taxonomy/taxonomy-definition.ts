import { z } from 'zod';

const valueId = z.string().trim().min(1).max(200);

const entryObject = {
  id: valueId,
  /** How reports show it; defaults to the id. */
  label: z.string().trim().min(1).max(200).optional(),
  /** Other spellings sources send for it (matched like ids: case, spaces, `-` and `_` ignored). */
  aliases: z.array(valueId).max(100).optional(),
};

/** A value of a controlled list: its id, or the id with a label and aliases. */
export const taxonomyEntrySchema = z.union([valueId, z.strictObject(entryObject)]);

/** A category, with the category it rolls up to in reports. */
export const taxonomyCategorySchema = z.union([
  valueId,
  z.strictObject({ ...entryObject, parent: valueId.optional() }),
]);

const list = <Schema extends z.ZodType>(schema: Schema) => z.array(schema).max(10_000).optional();

/** The controlled lists of standard ticket fields, as data. */
export const taxonomyDefinitionSchema = z.strictObject({
  categories: z.array(taxonomyCategorySchema).min(1).max(10_000),
  productAreas: list(taxonomyEntrySchema),
  channels: list(taxonomyEntrySchema),
  segments: list(taxonomyEntrySchema),
  resolutionCodes: list(taxonomyEntrySchema),
  /** Priority levels, most urgent first. Default `p1`..`p4`. */
  priorities: list(taxonomyEntrySchema),
  /** The explicit bucket unknown values map to (never to a new value). Default `other`. */
  other: valueId.optional(),
  /** Distinct unknown values counted per field before the rest only add to `untracked`. Default 1000. */
  maxTrackedUnknowns: z.number().int().positive().max(1_000_000).optional(),
});

export type TaxonomyEntry = z.input<typeof taxonomyEntrySchema>;
export type TaxonomyCategory = z.input<typeof taxonomyCategorySchema>;
export type TaxonomyDefinition = z.input<typeof taxonomyDefinitionSchema>;

/** The standard fields a taxonomy controls, and the list of the definition that holds each. */
export const taxonomyFieldLists = {
  category: 'categories',
  productArea: 'productAreas',
  channel: 'channels',
  segment: 'segments',
  priority: 'priorities',
  resolutionCode: 'resolutionCodes',
} as const;

export type TaxonomyField = keyof typeof taxonomyFieldLists;
export const taxonomyFields = Object.keys(taxonomyFieldLists) as TaxonomyField[];

/** How values are compared: case, surrounding spaces and `-`/`_`/space runs do not matter. */
export function taxonomyKey(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '_');
}
