import { qualifiedTable } from '../schema/database-schema';
import type { Migration } from './migration';

export const inboxSlaEventsTable = 'guardloop_inbox_sla_events';

/**
 * Markers of the SLA events of `@guardloop/inbox` monitors: one row per item, deadline and
 * kind (the primary key), claimed with an upsert that only takes over an uncompleted claim
 * whose lease has expired, so that monitors in several processes emit each event once.
 */
export const inboxSlaEventsMigration: Migration = {
  id: '0006_inbox_sla_events',
  statements: (schema) => [
    `CREATE TABLE IF NOT EXISTS ${qualifiedTable(schema, inboxSlaEventsTable)} (
      item_id text NOT NULL,
      deadline text NOT NULL CHECK (deadline IN ('acknowledge', 'decide')),
      kind text NOT NULL CHECK (kind IN ('warning', 'breached')),
      claimant text NOT NULL,
      lease_expires_at bigint NOT NULL,
      attempts integer NOT NULL,
      emitted_at bigint,
      PRIMARY KEY (item_id, deadline, kind)
    )`,
  ],
};
