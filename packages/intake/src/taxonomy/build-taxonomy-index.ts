import type { InputIssue } from '@guardloop/core';
import type { z } from 'zod';
import {
  type TaxonomyField,
  taxonomyDefinitionSchema,
  taxonomyFieldLists,
  taxonomyFields,
  taxonomyKey,
} from './taxonomy-definition';

type ParsedDefinition = z.output<typeof taxonomyDefinitionSchema>;

export interface TaxonomyValue {
  id: string;
  label: string;
  parent?: string;
}

/** Per field: the values in definition order, and every id or alias key to the value id. */
export interface TaxonomyIndex {
  other: string;
  values: Record<TaxonomyField, readonly TaxonomyValue[]>;
  keys: Record<TaxonomyField, ReadonlyMap<string, string>>;
  parents: ReadonlyMap<string, string>;
}

const defaultPriorities = ['p1', 'p2', 'p3', 'p4'];

/** Builds the lookup tables and lists every duplicate, unknown parent and parent cycle. */
export function buildTaxonomyIndex(definition: ParsedDefinition): {
  index: TaxonomyIndex;
  issues: InputIssue[];
} {
  const other = definition.other ?? 'other';
  const issues: InputIssue[] = [];
  const values = {} as Record<TaxonomyField, TaxonomyValue[]>;
  const keys = {} as Record<TaxonomyField, Map<string, string>>;
  for (const field of taxonomyFields) {
    const listName = taxonomyFieldLists[field];
    const given = definition[listName] ?? (field === 'priority' ? defaultPriorities : []);
    const fieldValues: TaxonomyValue[] = [];
    const fieldKeys = new Map<string, string>();
    given.forEach((entry, position) => {
      const item = typeof entry === 'string' ? { id: entry } : entry;
      const { id } = item;
      const path = `${listName}.${position}`;
      for (const [spelling, where] of [
        [id, `${path}.id`],
        ...(('aliases' in item ? item.aliases : undefined) ?? []).map(
          (alias, aliasAt) => [alias, `${path}.aliases.${aliasAt}`] as const,
        ),
      ] as const) {
        const key = taxonomyKey(spelling);
        const taken = fieldKeys.get(key);
        if (taken !== undefined && !(taken === id && spelling !== id)) {
          issues.push({ path: where, message: `'${spelling}' is already used by '${taken}'` });
        } else fieldKeys.set(key, id);
      }
      const parent = 'parent' in item ? (item.parent as string | undefined) : undefined;
      fieldValues.push({
        id,
        label: ('label' in item ? item.label : undefined) ?? id,
        ...(parent === undefined ? {} : { parent }),
      });
    });
    // Priorities are levels a scorer picks from: an unknown one is dropped, not bucketed.
    if (field !== 'priority' && !fieldKeys.has(taxonomyKey(other))) {
      fieldKeys.set(taxonomyKey(other), other);
      fieldValues.push({ id: other, label: other });
    }
    values[field] = fieldValues;
    keys[field] = fieldKeys;
  }
  const parents = new Map<string, string>();
  values.category.forEach((category, position) => {
    if (category.parent === undefined) return;
    const path = `categories.${position}.parent`;
    if (!values.category.some((candidate) => candidate.id === category.parent)) {
      issues.push({ path, message: `Unknown parent category '${category.parent}'` });
    } else parents.set(category.id, category.parent);
  });
  values.category.forEach((category, position) => {
    const seen = new Set([category.id]);
    for (let at = parents.get(category.id); at !== undefined; at = parents.get(at)) {
      if (seen.has(at)) {
        issues.push({
          path: `categories.${position}.parent`,
          message: `Category '${category.id}' is its own ancestor (${[...seen, at].join(' -> ')})`,
        });
        break;
      }
      seen.add(at);
    }
  });
  return { index: { other, values, keys, parents }, issues };
}

export { taxonomyDefinitionSchema };
