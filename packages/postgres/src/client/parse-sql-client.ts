import { parseInput } from '@guardloop/core';
import { z } from 'zod';
import type { SqlClient } from './sql-client';

const storeOptionsSchema = z.object({
  client: z.custom<SqlClient>(
    (value) =>
      typeof (value as SqlClient | null)?.query === 'function' &&
      typeof (value as SqlClient).transaction === 'function',
    { message: 'Expected a SqlClient (createPgClient or createPgliteClient)' },
  ),
  schema: z.string().optional(),
});

/** Validates the `{ client, schema? }` options every PostgreSQL store takes. */
export function parseStoreOptions(
  options: unknown,
  subject: string,
): z.output<typeof storeOptionsSchema> {
  return parseInput(storeOptionsSchema, options, subject);
}
