/** Stable error codes thrown by `@guardloop/undo-log`. Match on these, never on messages. */
export const undoLogErrorCodes = {
  unknownAction: 'unknown_action',
  approvalRequired: 'approval_required',
  approvalRejected: 'approval_rejected',
  idempotencyConflict: 'idempotency_conflict',
  idempotencyKeyRequired: 'idempotency_key_required',
  irreversibleAction: 'irreversible_action',
  actionNotFound: 'action_not_found',
  actionInProgress: 'action_in_progress',
  invalidActionState: 'invalid_action_state',
  actionFailed: 'action_failed',
  undoFailed: 'undo_failed',
  sagaFailed: 'saga_failed',
  malformedRecord: 'malformed_record',
  leaseLost: 'lease_lost',
  actionInterrupted: 'action_interrupted',
  resultNotStorable: 'result_not_storable',
} as const;

export type UndoLogErrorCode = (typeof undoLogErrorCodes)[keyof typeof undoLogErrorCodes];
