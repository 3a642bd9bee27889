/** Stable error codes thrown by `@guardloop/inbox`. Match on these, never on messages. */
export const inboxErrorCodes = {
  escalationNotFound: 'escalation_not_found',
  alreadyDecided: 'already_decided',
  leaseHeld: 'lease_held',
  reviewerNotAuthorized: 'reviewer_not_authorized',
  inputHashMismatch: 'input_hash_mismatch',
  editRefused: 'edit_refused',
  actionNotRegistered: 'action_not_registered',
  malformedItem: 'malformed_item',
} as const;

export type InboxErrorCode = (typeof inboxErrorCodes)[keyof typeof inboxErrorCodes];
