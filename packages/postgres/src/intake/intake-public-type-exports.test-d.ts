import type { EmailThreadStore } from '@guardloop/intake';
import { describe, expectTypeOf, it } from 'vitest';
import { createPostgresEmailThreadStore, type PostgresEmailThreadStoreOptions } from './index';

describe('public type exports of @guardloop/postgres/intake', () => {
  it('names the email thread store types', () => {
    expectTypeOf(createPostgresEmailThreadStore)
      .parameter(0)
      .toEqualTypeOf<PostgresEmailThreadStoreOptions>();
    expectTypeOf(createPostgresEmailThreadStore).returns.toEqualTypeOf<EmailThreadStore>();
  });
});
