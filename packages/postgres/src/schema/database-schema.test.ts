import { describe, expect, it } from 'vitest';
import type { SqlClient } from '../client/sql-client';
import { createPostgresCounterStore } from '../counter/postgres-counter-store';
import { createPostgresFeedbackStore } from '../feedback/postgres-feedback-store';
import { createPostgresUndoLogStore } from '../undo-log/postgres-undo-log-store';
import { parseDatabaseSchema } from './database-schema';

describe('parseDatabaseSchema', () => {
  it('accepts plain identifiers and defaults to public', () => {
    expect(parseDatabaseSchema(undefined)).toBe('public');
    expect(parseDatabaseSchema('public')).toBe('public');
    expect(parseDatabaseSchema('guardloop_tenant_1')).toBe('guardloop_tenant_1');
  });

  it('rejects the schemas PostgreSQL reserves (pg_dump skips them)', () => {
    for (const schema of ['information_schema', 'pg_catalog', 'pg_toast', 'pg_temp_1']) {
      expect(() => parseDatabaseSchema(schema)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
  });

  it('is enforced by every store factory', () => {
    // Never queried: the factories validate before any statement.
    const client: SqlClient = {
      query: async () => ({ rows: [], rowCount: 0 }),
      transaction: (work) => work(client),
    };
    const options = { client, schema: 'information_schema' };
    for (const create of [
      createPostgresUndoLogStore,
      createPostgresCounterStore,
      createPostgresFeedbackStore,
    ] as const) {
      expect(() => create(options)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    }
  });
});
