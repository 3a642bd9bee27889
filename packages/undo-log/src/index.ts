// Actions
export type {
  DoContext,
  PlanContext,
  RecoveryContext,
  UndoContext,
} from './action/action-context';
export {
  type ActionDefinition,
  type AnyActionDefinition,
  defineAction,
  type IrreversibleActionDefinition,
  type ReversibleActionDefinition,
} from './action/define-action';
// Approvals
export {
  type ApprovalRequest,
  type ApprovalToken,
  approvalTokenSchema,
  type VerifyApproval,
} from './approval/approval-token';
export {
  type ApprovalVerifierOptions,
  createApprovalVerifier,
} from './approval/create-approval-verifier';
// Errors
export { ActionFailedError } from './errors/action-failed-error';
export { ActionInProgressError } from './errors/action-in-progress-error';
export { ActionInterruptedError } from './errors/action-interrupted-error';
export { ActionNotFoundError } from './errors/action-not-found-error';
export { ApprovalRejectedError } from './errors/approval-rejected-error';
export { ApprovalRequiredError } from './errors/approval-required-error';
export { IdempotencyConflictError } from './errors/idempotency-conflict-error';
export { IdempotencyKeyRequiredError } from './errors/idempotency-key-required-error';
export { InvalidActionStateError } from './errors/invalid-action-state-error';
export { IrreversibleActionError } from './errors/irreversible-action-error';
export { LeaseLostError } from './errors/lease-lost-error';
export { MalformedRecordError } from './errors/malformed-record-error';
export { ResultNotStorableError } from './errors/result-not-storable-error';
export { SagaFailedError, type SagaStepFailure } from './errors/saga-failed-error';
export { UndoFailedError } from './errors/undo-failed-error';
export { type UndoLogErrorCode, undoLogErrorCodes } from './errors/undo-log-error-codes';
export { UnknownActionError } from './errors/unknown-action-error';
// The log
export { createUndoLog, type UndoLogOptions } from './log/create-undo-log';
export { hashActionInput } from './log/input-hash';
export type { UndoResult } from './log/perform-undo';
export {
  type RecoverOptions,
  type RecoverResult,
  type RecoveryOutcome,
  type RecoveryPolicy,
  recoveryPolicies,
} from './log/recover';
export type { RunOptions, RunResult } from './log/run-options';
export type { SagaOptions, SagaResult, SagaStep } from './log/run-saga';
export type { RecoveryLoop, StartRecoveryOptions } from './log/start-recovery';
export type { UndoOptions } from './log/undo-action';
export type { UndoLog } from './log/undo-log';
export type { SkippedUndo, UndoTraceResult } from './log/undo-trace';
// Records and stores
export {
  type NewUndoLogRecord,
  type StoredError,
  storedErrorSchema,
  type UndoInfo,
  type UndoLogRecord,
  type UndoLogRecordPatch,
  type UndoLogStatus,
  undoInfoSchema,
  undoLogRecordSchema,
  undoLogStatuses,
  undoLogStatusSchema,
} from './record/undo-log-record';
export type { RetryOptions } from './retry/with-retry';
// The loop's act step
export {
  type ActStep,
  type ActStepOptions,
  actStepIdempotencyKey,
  createActStep,
} from './step/create-act-step';
// Stores
export { createMemoryUndoLogStore } from './store/memory-undo-log-store';
export type {
  ClaimExpiredOptions,
  InsertResult,
  UndoLogBatchUpdate,
  UndoLogStore,
  UndoLogStoreCallOptions,
  UndoLogUpdate,
} from './store/undo-log-store';
export {
  parseUndoLogStoreArguments,
  type UndoLogStoreArguments,
  type UndoLogStoreMethod,
} from './store/undo-log-store-arguments';
