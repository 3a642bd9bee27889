import type { CounterStore } from '@guardloop/economic';
import type { FeedbackStore } from '@guardloop/feedback';
import type { InboxStore } from '@guardloop/inbox';
import type { UndoLogStore } from '@guardloop/undo-log';
import { describe, expectTypeOf, it } from 'vitest';
import type * as counter from './counter/index';
import type { PostgresCounterStoreOptions } from './counter/index';
import type * as feedback from './feedback/index';
import type { PostgresFeedbackStoreOptions } from './feedback/index';
import type * as inbox from './inbox/index';
import type { PostgresInboxStoreOptions } from './inbox/index';
import type * as root from './index';
import type {
  ClosablePglite,
  DatabaseLockHolder,
  MigrateOptions,
  MigrateResult,
  OpenPgliteDirectoryOptions,
  PgClientOptions,
  PgliteDirectory,
  PgliteLike,
  PgPoolLike,
  PostgresErrorCode,
  QueryOptions,
  SqlClient,
  SqlResult,
  TransactionOptions,
} from './index';
import type * as undoLog from './undo-log/index';
import type { PostgresUndoLogStoreOptions } from './undo-log/index';

type Root = typeof root;

// Every type in a public signature can be named from the entry that exports the function.
describe('public type exports', () => {
  it('names the clients, PGlite and migrations from the root', () => {
    expectTypeOf<Root['createPgClient']>().parameter(0).toEqualTypeOf<PgPoolLike>();
    expectTypeOf<Root['createPgClient']>()
      .parameter(1)
      .toEqualTypeOf<PgClientOptions | undefined>();
    expectTypeOf<Root['createPgClient']>().returns.toEqualTypeOf<SqlClient>();
    expectTypeOf<Root['createPgliteClient']>().parameter(0).toEqualTypeOf<PgliteLike>();
    expectTypeOf<Root['openPgliteDirectory']>()
      .parameter(1)
      .toEqualTypeOf<OpenPgliteDirectoryOptions | undefined>();
    expectTypeOf<Root['openPgliteDirectory']>().returns.resolves.toEqualTypeOf<
      PgliteDirectory<ClosablePglite>
    >();
    expectTypeOf<Root['migrate']>().parameter(1).toEqualTypeOf<MigrateOptions | undefined>();
    expectTypeOf<Root['migrate']>().returns.resolves.toEqualTypeOf<MigrateResult>();
    expectTypeOf<SqlClient['query']>().parameter(2).toEqualTypeOf<QueryOptions | undefined>();
    expectTypeOf<SqlResult<{ n: number }>['rows']>().toEqualTypeOf<{ n: number }[]>();
    expectTypeOf<SqlClient['transaction']>()
      .parameter(1)
      .toEqualTypeOf<TransactionOptions | undefined>();
    expectTypeOf<root.DatabaseLockedError['holder']>().toEqualTypeOf<
      DatabaseLockHolder | undefined
    >();
    expectTypeOf<root.PgliteNotInstalledError['code']>().toExtend<PostgresErrorCode>();
  });

  it('keeps every store, and so every optional peer, off the root', () => {
    expectTypeOf<Root>().not.toHaveProperty('createPostgresUndoLogStore');
    expectTypeOf<Root>().not.toHaveProperty('createPostgresCounterStore');
    expectTypeOf<Root>().not.toHaveProperty('createPostgresFeedbackStore');
    expectTypeOf<Root>().not.toHaveProperty('createPostgresInboxStore');
  });

  it('names each store and its options from its subpath', () => {
    expectTypeOf<typeof undoLog.createPostgresUndoLogStore>()
      .parameter(0)
      .toEqualTypeOf<PostgresUndoLogStoreOptions>();
    expectTypeOf<typeof undoLog.createPostgresUndoLogStore>().returns.toEqualTypeOf<UndoLogStore>();
    expectTypeOf<typeof counter.createPostgresCounterStore>()
      .parameter(0)
      .toEqualTypeOf<PostgresCounterStoreOptions>();
    expectTypeOf<typeof counter.createPostgresCounterStore>().returns.toEqualTypeOf<CounterStore>();
    expectTypeOf<typeof feedback.createPostgresFeedbackStore>()
      .parameter(0)
      .toEqualTypeOf<PostgresFeedbackStoreOptions>();
    expectTypeOf<
      typeof feedback.createPostgresFeedbackStore
    >().returns.toEqualTypeOf<FeedbackStore>();
    expectTypeOf<typeof inbox.createPostgresInboxStore>()
      .parameter(0)
      .toEqualTypeOf<PostgresInboxStoreOptions>();
    expectTypeOf<typeof inbox.createPostgresInboxStore>().returns.toEqualTypeOf<InboxStore>();
    expectTypeOf<PostgresUndoLogStoreOptions['client']>().toEqualTypeOf<SqlClient>();
  });
});
