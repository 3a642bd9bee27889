import { qualifiedTable } from '../schema/database-schema';
import type { Migration } from './migration';
import { ticketSlaEmissionsTable } from './ticket-sla-migration';

/**
 * At-least-once delivery of the ticket SLA monitor's alerts: an emission with a
 * `delivery_signal` is pending (leased to `delivery_claimant` until `delivery_lease_expires_at`)
 * until acknowledged, which clears the signal. Rows from before stay delivered.
 */
export const ticketSlaDeliveryMigration: Migration = {
  id: '0015_ticket_sla_delivery',
  statements: (schema) => {
    const emissions = qualifiedTable(schema, ticketSlaEmissionsTable);
    return [
      `ALTER TABLE ${emissions}
        ADD COLUMN IF NOT EXISTS delivery_signal jsonb,
        ADD COLUMN IF NOT EXISTS delivery_claimant text,
        ADD COLUMN IF NOT EXISTS delivery_lease_expires_at bigint NOT NULL DEFAULT 0,
        ADD COLUMN IF NOT EXISTS delivery_attempts integer NOT NULL DEFAULT 0`,
      `CREATE INDEX IF NOT EXISTS guardloop_ticket_sla_pending_deliveries
        ON ${emissions} (delivery_lease_expires_at, sequence) WHERE delivery_signal IS NOT NULL`,
    ];
  },
};
