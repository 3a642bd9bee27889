import type { RailContext } from '@guardloop/core';
import { z } from 'zod';

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

/** The scope a decision falls in for the given dimensions; absent values (no tenant) form their own scope. */
export function scopeOf(dimensions: readonly ScopeDimension[], context: RailContext): Scope {
  if (dimensions.length === 0) return { key: 'all', description: 'all decisions' };
  const values = dimensions.map((dimension) => {
    const value =
      dimension === 'tenant'
        ? context.actor.tenant
        : dimension === 'actor'
          ? context.actor.id
          : context.action?.name;
    return { dimension, value };
  });
  return {
    // Real values are non-empty, so an empty one unambiguously means "absent".
    key: values
      .map(({ dimension, value }) => `${dimension}=${encodeURIComponent(value ?? '')}`)
      .join(','),
    description: values
      .map(({ dimension, value }) =>
        value === undefined ? `no ${labels[dimension]}` : `${labels[dimension]} '${value}'`,
      )
      .join(', '),
  };
}
