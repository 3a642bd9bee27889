import type { BreakdownCounterName } from '@guardloop/feedback';

/** Breakdown counter -> bigint column of the breakdowns table (migration 0007). */
export const breakdownColumns = {
  reviews: 'reviews',
  approved: 'approved',
  approvedWithEdits: 'approved_with_edits',
  rejected: 'rejected',
  slaBreached: 'sla_breached',
} as const satisfies Record<BreakdownCounterName, string>;
