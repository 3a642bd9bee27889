import { InvalidInputError, type TicketFields } from '@guardloop/core';
import { describeThrown, toInputIssues, toStorableString } from '@guardloop/core/internal';
import { z } from 'zod';
import { InvalidTaxonomyError } from '../errors/invalid-taxonomy-error';
import { buildTaxonomyIndex, type TaxonomyValue } from './build-taxonomy-index';
import {
  type TaxonomyDefinition,
  type TaxonomyField,
  taxonomyDefinitionSchema,
  taxonomyFields,
  taxonomyKey,
} from './taxonomy-definition';

/** An unknown value a source sent, and how often since the last reset. */
export interface UnknownValueCount {
  field: TaxonomyField;
  value: string;
  count: number;
}

export interface UnknownValueReport {
  /** Most frequent first. */
  counts: UnknownValueCount[];
  /** Unknown values not counted one by one, once `maxTrackedUnknowns` distinct ones were seen. */
  untracked: number;
}

export interface Taxonomy {
  /** The bucket unknown values map to. */
  readonly other: string;
  /** The values of a field, in definition order (`other` last unless defined earlier). */
  values(field: TaxonomyField): readonly TaxonomyValue[];
  /**
   * Maps each field to its controlled value (ids and aliases match ignoring case, spaces, `-`
   * and `_`). An unknown value becomes `other`, with what was sent kept in `raw`, and is counted;
   * an unknown priority is dropped (kept in `raw`), since priorities are levels, not buckets.
   * Normalizing fields again keeps their `raw`.
   * @throws InvalidInputError (`invalid_input`) when `fields` is not an object of strings
   */
  normalize(fields: unknown): TicketFields;
  /** The controlled value `value` stands for, or undefined when unknown (not counted). */
  lookup(field: TaxonomyField, value: string): string | undefined;
  /** The reporting path of a category, root first (`['billing', 'billing.refund']`). */
  categoryPath(category: string): string[];
  /** Unknown values seen by `normalize`, for review. */
  unknownReport(): UnknownValueReport;
  resetUnknownCounts(): void;
}

const fieldValue = z.string().max(10_000).optional();
const fieldsInputSchema = z.object({
  category: fieldValue,
  productArea: fieldValue,
  channel: fieldValue,
  segment: fieldValue,
  priority: fieldValue,
  resolutionCode: fieldValue,
  raw: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Defines the controlled lists of standard ticket fields as data, validated once here.
 * @throws InvalidTaxonomyError (`invalid_taxonomy`) listing every malformed entry, duplicate
 * value or alias, unknown parent and parent cycle
 */
export function defineTaxonomy(definition: TaxonomyDefinition): Taxonomy {
  let parsed: z.ZodSafeParseResult<z.output<typeof taxonomyDefinitionSchema>>;
  try {
    parsed = taxonomyDefinitionSchema.safeParse(definition);
  } catch (error) {
    const message = `cannot be read (${describeThrown(error)})`;
    throw new InvalidTaxonomyError({ issues: [{ path: '', message }], cause: error });
  }
  if (!parsed.success) {
    throw new InvalidTaxonomyError({
      issues: toInputIssues(parsed.error.issues),
      cause: parsed.error,
    });
  }
  const { index, issues } = buildTaxonomyIndex(parsed.data);
  if (issues.length > 0) throw new InvalidTaxonomyError({ issues });
  const maxTracked = parsed.data.maxTrackedUnknowns ?? 1000;
  const counts = new Map<TaxonomyField, Map<string, number>>();
  let untracked = 0;

  const count = (field: TaxonomyField, value: string) => {
    const perField = counts.get(field) ?? new Map<string, number>();
    counts.set(field, perField);
    const seen = perField.get(value);
    if (seen !== undefined) perField.set(value, seen + 1);
    else if (perField.size < maxTracked) perField.set(value, 1);
    else untracked++;
  };
  const lookup = (field: TaxonomyField, value: string) => index.keys[field].get(taxonomyKey(value));

  return {
    other: index.other,
    values: (field) => index.values[field] ?? [],
    lookup: (field, value) =>
      typeof value === 'string' && index.keys[field] ? lookup(field, value) : undefined,
    normalize(fields) {
      let input: z.output<typeof fieldsInputSchema>;
      try {
        const result = fieldsInputSchema.safeParse(fields);
        if (!result.success) throw InvalidInputError.fromZodError('ticket fields', result.error);
        input = result.data;
      } catch (error) {
        if (InvalidInputError.isInstance(error)) throw error;
        const message = `cannot be read (${describeThrown(error)})`;
        throw new InvalidInputError({ subject: 'ticket fields', issues: [{ path: '', message }] });
      }
      const normalized: Record<string, string> = {};
      const raw: Record<string, string> = {};
      for (const field of taxonomyFields) {
        const value = input[field];
        if (value === undefined || value.trim() === '') continue;
        const known = lookup(field, value);
        const keptRaw = input.raw?.[field];
        if (known !== undefined) {
          normalized[field] = known;
          // `other` given with its raw value (fields normalized before): keep the raw value.
          if (known === index.other && typeof keptRaw === 'string') raw[field] = keptRaw;
          continue;
        }
        // Kept as a ticket field: storable and within the field's 200 characters.
        const sent = toStorableString(value.trim(), 200).trim();
        count(field, sent);
        raw[field] = sent;
        if (field !== 'priority') normalized[field] = index.other;
      }
      return (Object.keys(raw).length > 0 ? { ...normalized, raw } : normalized) as TicketFields;
    },
    categoryPath(category) {
      const id = (typeof category === 'string' && lookup('category', category)) || index.other;
      const path = [id];
      for (let at = index.parents.get(id); at !== undefined; at = index.parents.get(at)) {
        path.unshift(at);
      }
      return path;
    },
    unknownReport() {
      const all: UnknownValueCount[] = [];
      for (const [field, perField] of counts) {
        for (const [value, seen] of perField) all.push({ field, value, count: seen });
      }
      all.sort((a, b) => b.count - a.count || a.field.localeCompare(b.field));
      return { counts: all, untracked };
    },
    resetUnknownCounts() {
      counts.clear();
      untracked = 0;
    },
  };
}
