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

/** The scope a decision falls in for the given dimensions; absent values (no tenant) form their own scope. */
export function scopeOf(dimensions: readonly ScopeDimension[], context: RailContext): Scope {
  if (dimensions.length === 0) return { key: 'all', description: 'all decisions' };
  // One pass building both strings: the cost and rate-limit rails call this on every decision.
  let key = '';
  let description = '';
  for (let index = 0; index < dimensions.length; index++) {
    const dimension = dimensions[index] as ScopeDimension;
    const value =
      dimension === 'tenant'
        ? context.actor.tenant
        : dimension === 'actor'
          ? context.actor.id
          : context.action?.name;
    const separator = index === 0 ? '' : ',';
    // Real values are non-empty, so an empty one unambiguously means "absent".
    key += `${separator}${dimension}=${keyFragment(value ?? '')}`;
    description +=
      (index === 0 ? '' : ', ') +
      (value === undefined
        ? `no ${labels[dimension]}`
        : `${labels[dimension]} '${described(value)}'`);
  }
  return { key, description };
}
