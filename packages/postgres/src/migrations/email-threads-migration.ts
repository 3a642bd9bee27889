import { qualifiedTable } from '../schema/database-schema';
import type { Migration } from './migration';

export const emailThreadsTable = 'guardloop_email_threads';

/**
 * Message-ID -> ticket of the email intake of `@guardloop/intake`. The primary key on the
 * Message-ID is the claim: of several processes receiving one message, one insert wins.
 * `COLLATE "C"`: Message-IDs match byte for byte, whatever the database's collation.
 */
export const emailThreadsMigration: Migration = {
  id: '0014_email_threads',
  statements: (schema) => [
    `CREATE TABLE IF NOT EXISTS ${qualifiedTable(schema, emailThreadsTable)} (
      message_id text COLLATE "C" PRIMARY KEY,
      ticket_id text NOT NULL,
      trace_id text NOT NULL
    )`,
  ],
};
