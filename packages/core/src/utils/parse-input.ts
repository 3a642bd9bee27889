import type { z } from 'zod';
import { InvalidInputError } from '../errors/invalid-input-error';
import { describeThrown } from './json-value';

/**
 * Parses `input` with `schema`; malformed input becomes an `InvalidInputError`, never a raw
 * ZodError, nor the error of a getter that throws while the input is read.
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  subject: string,
): z.output<Schema> {
  let result: z.ZodSafeParseResult<z.output<Schema>>;
  try {
    result = schema.safeParse(input) as z.ZodSafeParseResult<z.output<Schema>>;
  } catch (error) {
    // A getter or proxy trap that throws while zod reads the input is malformed input too.
    throw new InvalidInputError({
      subject,
      issues: [{ path: '', message: `cannot be read (${describeThrown(error)})` }],
      cause: error,
    });
  }
  if (!result.success) throw InvalidInputError.fromZodError(subject, result.error);
  return result.data;
}
