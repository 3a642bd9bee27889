import type { RbacPolicyInput } from '@guardloop/deterministic';
import { z } from 'zod';

export const reviewerSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,32}$/),
  name: z.string().min(1).max(80),
  roles: z.array(z.enum(['tier-1', 'tier-2'])).min(1),
  /** A demo passcode; a host signs reviewers in with its own identity provider. */
  passcode: z.string().min(1).max(200),
});
export type Reviewer = z.output<typeof reviewerSchema>;

export const reviewerListSchema = z.array(reviewerSchema).min(1);

/** The default reviewers: `GUARDLOOP_CONSOLE_REVIEWERS` (JSON) replaces them. */
export const defaultReviewers: Reviewer[] = [
  { id: 'sam', name: 'Sam Ortiz (support lead)', roles: ['tier-2'], passcode: 'sam' },
  { id: 'ria', name: 'Ria Patel (tier 1)', roles: ['tier-1'], passcode: 'ria' },
];

/** Who may decide what: tier 1 refunds, tags and bookings; only tier 2 deletes accounts. */
export const reviewerPolicy: RbacPolicyInput = {
  actions: ['add_tag', 'issue_refund', 'book_courier', 'delete_account'],
  roles: {
    'tier-1': {
      allow: [{ action: 'add_tag' }, { action: 'issue_refund' }, { action: 'book_courier' }],
    },
    'tier-2': { inherits: ['tier-1'], allow: [{ action: 'delete_account' }] },
  },
};

export const reviewerActor = (reviewer: Reviewer) => ({
  id: reviewer.id,
  type: 'human' as const,
  roles: reviewer.roles,
});
