import type { BreakdownCounterName } from '@guardloop/feedback';

/** Breakdown counter -> bigint column of the breakdowns table (migrations 0007, 0010, 0011). */
export const breakdownColumns = {
  reviews: 'reviews',
  approved: 'approved',
  approvedWithEdits: 'approved_with_edits',
  rejected: 'rejected',
  slaBreached: 'sla_breached',
  resolved: 'resolved',
  firstContactResolved: 'first_contact_resolved',
  reopened: 'reopened',
  ticketSlaRuns: 'ticket_sla_runs',
  ticketSlaBreached: 'ticket_sla_breached',
} as const satisfies Record<BreakdownCounterName, string>;
