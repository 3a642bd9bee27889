import type { RailContext } from '@guardloop/core';
import { sha256 } from '@guardloop/core/internal';
import { z } from 'zod';
import { isWellFormed } from './is-well-formed';

/** What a budget or rate limit is counted per; none means one counter for every decision. */
export const scopeDimensions = ['tenant', 'actor', 'actionType'] as const;

export type ScopeDimension = (typeof scopeDimensions)[number];

export const scopeSchema = z
  .array(z.enum(scopeDimensions))
  .refine((scope) => new Set(scope).size === scope.length, { message: 'lists a dimension twice' });

export interface Scope {
  /** Counter key fragment; values are URI-encoded so no value can forge another's key. */
  key: string;
  /** For reasons: `tenant 'acme', action type 'refund'`, or `all decisions`. */
  description: string;
}

const labels: Record<ScopeDimension, string> = {
  tenant: 'tenant',
  actor: 'actor',
  actionType: 'action type',
};

/** Longest value fragment kept as it is in a key; longer ones are hashed (keys max 2048 bytes). */
const maxFragmentLength = 512;
const maxDescribedLength = 100;

/**
 * A value's part of a counter key, one-to-one: URI-encoded; a value with a lone surrogate (which
 * `encodeURIComponent` refuses, and a database would merge with others) as its UTF-16 code
 * units; a long one as the SHA-256 of that, so that a 3 KB actor id is still counted, not refused.
 * `%s` and `%h` cannot start an encoded value (`%` is always followed by two hex digits there).
 */
function keyFragment(value: string): string {
  const fragment = isWellFormed(value) ? encodeURIComponent(value) : `%s${codeUnitsHex(value)}`;
  return fragment.length <= maxFragmentLength ? fragment : `%h${sha256(fragment)}`;
}

function codeUnitsHex(value: string): string {
  let hex = '';
  for (let index = 0; index < value.length; index++) {
    hex += value.charCodeAt(index).toString(16).padStart(4, '0');
  }
  return hex;
}

const described = (value: string) =>
  value.length <= maxDescribedLength ? value : `${value.slice(0, maxDescribedLength)}…`;

const allDecisions: Scope = Object.freeze({ key: 'all', description: 'all decisions' });

const dimensionValue = (dimension: ScopeDimension, context: RailContext): string | undefined =>
  dimension === 'tenant'
    ? context.actor.tenant
    : dimension === 'actor'
      ? context.actor.id
      : context.action?.name;

// The last scope built for each dimension list (a budget's, a rate limit's): decisions in a row
// mostly share a tenant and an actor, and encoding the key was most of the cost.
const lastScopes = new WeakMap<
  readonly ScopeDimension[],
  { dimensions: ScopeDimension[]; values: (string | undefined)[]; scope: Scope }
>();

const same = <T>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((item, index) => item === b[index]);

/** The scope a decision falls in for the given dimensions; absent values (no tenant) form their own scope. */
export function scopeOf(dimensions: readonly ScopeDimension[], context: RailContext): Scope {
  if (dimensions.length === 0) return allDecisions;
  // Each value read once: the scope is built from the values compared.
  const values = dimensions.map((dimension) => dimensionValue(dimension, context));
  const last = lastScopes.get(dimensions);
  // The list is compared too: a caller's array may have changed since.
  if (last !== undefined && same(last.values, values) && same(last.dimensions, dimensions)) {
    return last.scope;
  }
  let key = '';
  let description = '';
  for (let index = 0; index < dimensions.length; index++) {
    const dimension = dimensions[index] as ScopeDimension;
    const value = values[index];
    const separator = index === 0 ? '' : ',';
    // Real values are non-empty, so an empty one unambiguously means "absent".
    key += `${separator}${dimension}=${keyFragment(value ?? '')}`;
    description +=
      (index === 0 ? '' : ', ') +
      (value === undefined
        ? `no ${labels[dimension]}`
        : `${labels[dimension]} '${described(value)}'`);
  }
  // Frozen: the same object answers every decision of the scope.
  const scope = Object.freeze({ key, description });
  lastScopes.set(dimensions, { dimensions: [...dimensions], values, scope });
  return scope;
}
