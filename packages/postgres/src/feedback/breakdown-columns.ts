import type { BreakdownCounterName } from '@guardloop/feedback';

/** Breakdown counter -> bigint column of the breakdowns table (migrations 0007 and 0012). */
export const breakdownColumns = {
  reviews: 'reviews',
  approved: 'approved',
  approvedWithEdits: 'approved_with_edits',
  rejected: 'rejected',
  slaBreached: 'sla_breached',
  resolved: 'resolved',
  firstContactResolved: 'first_contact_resolved',
  reopened: 'reopened',
} as const satisfies Record<BreakdownCounterName, string>;
