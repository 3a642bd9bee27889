import type { z } from 'zod';
import { InvalidInputError } from '../errors/invalid-input-error';

/** Parses `input` with `schema`; malformed input becomes an `InvalidInputError`, never a raw ZodError. */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  subject: string,
): z.output<Schema> {
  const result = schema.safeParse(input);
  if (!result.success) throw InvalidInputError.fromZodError(subject, result.error);
  return result.data;
}
