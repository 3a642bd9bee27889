import { parseInput } from '@guardloop/core';
import { z } from 'zod';

/**
 * A PostgreSQL schema name for guardloop's tables. Restricted to lower-case identifiers so
 * it can be spliced into SQL unquoted-safe (it is quoted anyway) and never needs escaping.
 */
export const databaseSchemaSchema = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'Expected a lower-case SQL identifier (a-z, 0-9, _)')
  .refine((name) => !name.startsWith('pg_'), 'Names starting with pg_ are reserved by PostgreSQL')
  // PostgreSQL's own catalog views live there, and pg_dump skips it: guardloop's data would not be backed up.
  .refine((name) => name !== 'information_schema', 'information_schema is reserved by PostgreSQL')
  .default('public');

/** Validates a schema option (`invalid_input` otherwise); `undefined` means `public`. */
export function parseDatabaseSchema(schema: unknown): string {
  return parseInput(databaseSchemaSchema, schema, 'database schema');
}

/** `"schema"."table"` for a validated schema and a constant table name. */
export function qualifiedTable(schema: string, table: string): string {
  return `"${schema}"."${table}"`;
}
