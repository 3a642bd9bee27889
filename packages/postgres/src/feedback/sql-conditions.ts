import type { SegmentFilter } from '@guardloop/feedback';
import { segmentFields } from '@guardloop/feedback/internal';

/** A WHERE clause built from optional filters, with numbered parameters. */
export interface SqlConditions {
  readonly params: unknown[];
  /** Adds `value` as a parameter and returns its placeholder (`$n`). */
  param(value: unknown): string;
  /** Adds `condition(placeholder)` unless `value` is undefined. */
  add(value: unknown, condition: (placeholder: string) => string): void;
  /** Adds a condition without parameters. */
  always(condition: string): void;
  /** `column = value` for each field the segment filter names. */
  segment(filter: SegmentFilter | undefined): void;
  /** `WHERE a AND b`, or nothing without conditions. */
  where(): string;
}

export function sqlConditions(): SqlConditions {
  const params: unknown[] = [];
  const conditions: string[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const add = (value: unknown, condition: (placeholder: string) => string) => {
    if (value !== undefined) conditions.push(condition(param(value)));
  };
  return {
    params,
    param,
    add,
    always: (condition) => void conditions.push(condition),
    segment(filter) {
      // Segment fields are constants that double as column names.
      for (const field of segmentFields) add(filter?.[field], (value) => `${field} = ${value}`);
    },
    where: () => (conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''),
  };
}
