import type { InputIssue } from '@guardloop/core';
import { toInputIssues } from '@guardloop/core/internal';
import { z } from 'zod';
import { isWellFormed } from './is-well-formed';

/** A budget's, rate limit's or SLO's name: part of its counter keys, so well-formed UTF-16. */
export const configurationNameSchema = z
  .string()
  .min(1)
  .refine(isWellFormed, 'must be well-formed UTF-16 (no lone surrogate)');

/**
 * Parses configuration with `schema`; failures become the package's typed error for that kind
 * of configuration (`invalid_slo`, `invalid_budget`...) instead of a raw ZodError.
 */
export function parseConfiguration<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  toError: (issues: InputIssue[], cause: z.ZodError) => Error,
): z.output<Schema> {
  const result = schema.safeParse(input);
  if (!result.success) throw toError(toInputIssues(result.error.issues), result.error);
  return result.data;
}

/** The `name` of a configuration object, when it has a readable one, for error messages. */
export function readableName(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const name = (input as { name?: unknown }).name;
  return typeof name === 'string' && name.length > 0 ? name : undefined;
}
