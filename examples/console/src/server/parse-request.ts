import { z } from 'zod';
import { fieldErrorsOf, HttpError } from './http-errors';

/** Ids in paths: anything else is a 400 before any store is asked. */
export const idSchema = z.string().regex(/^[A-Za-z0-9:_.-]{1,200}$/, 'Expected an id');

/** A form parsed by its schema, or a 400 that lists every field error. */
export function parseForm<Schema extends z.ZodType>(
  schema: Schema,
  form: unknown,
): z.output<Schema> {
  const parsed = schema.safeParse(form);
  if (!parsed.success)
    throw new HttpError(400, 'The form has errors.', fieldErrorsOf(parsed.error));
  return parsed.data;
}

export function parseId(value: string | undefined): string {
  const parsed = idSchema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, 'Malformed id.', fieldErrorsOf(parsed.error));
  return parsed.data;
}
