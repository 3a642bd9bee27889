import * as aiSdk from '@guardloop/ai-sdk';
import * as core from '@guardloop/core';
import * as deterministic from '@guardloop/deterministic';
import * as economic from '@guardloop/economic';
import * as feedback from '@guardloop/feedback';
import * as hypotheses from '@guardloop/hypotheses';
import * as hypothesesAi from '@guardloop/hypotheses/ai';
import * as inbox from '@guardloop/inbox';
import * as intake from '@guardloop/intake';
import * as postgres from '@guardloop/postgres';
import * as semantic from '@guardloop/semantic';
import * as semanticAi from '@guardloop/semantic/ai';
import * as undoLog from '@guardloop/undo-log';

/** Every public entry point that exports error classes, by import specifier. */
export const entryPoints = {
  '@guardloop/ai-sdk': aiSdk,
  '@guardloop/core': core,
  '@guardloop/deterministic': deterministic,
  '@guardloop/economic': economic,
  '@guardloop/feedback': feedback,
  '@guardloop/hypotheses': hypotheses,
  '@guardloop/hypotheses/ai': hypothesesAi,
  '@guardloop/inbox': inbox,
  '@guardloop/intake': intake,
  '@guardloop/postgres': postgres,
  '@guardloop/semantic': semantic,
  '@guardloop/semantic/ai': semanticAi,
  '@guardloop/undo-log': undoLog,
} as const;

/** Base classes that are never thrown as such, so they need no sample. */
export const baseErrorClasses = ['GuardloopError', 'EconomicConfigurationError'] as const;

const issues = [{ path: 'name', message: 'Required' }];
const decision: core.Decision = {
  id: 'decision-1',
  traceId: 'trace-1',
  verdict: 'deny',
  reason: 'denied by a rail',
  rails: [],
  decidedAt: 0,
  durationMs: 0,
};
const record = {
  id: 'action-1',
  actionName: 'refund',
  idempotencyKey: 'key-1',
} as undoLog.UndoLogRecord;

/** One instance of every thrown error class, by entry point and class name. */
export const errorSamples = {
  '@guardloop/ai-sdk': {
    ApprovalMismatchError: () =>
      new aiSdk.ApprovalMismatchError({ toolName: 'refund', approvalId: 'a-1', fields: [] }),
    ApprovalUnverifiedError: () =>
      new aiSdk.ApprovalUnverifiedError({ toolName: 'refund', approvalId: 'a-1', reason: 'no' }),
    ToolCallDeniedError: () => new aiSdk.ToolCallDeniedError({ toolName: 'refund', decision }),
    ToolCallEscalatedError: () =>
      new aiSdk.ToolCallEscalatedError({ toolName: 'refund', reason: 'needs a human' }),
  },
  '@guardloop/core': {
    CustomerConfirmationRequiredError: () =>
      new core.CustomerConfirmationRequiredError({ ticketId: 't-1' }),
    InvalidInputError: () => new core.InvalidInputError({ subject: 'signal', issues }),
    InvalidRailError: () => new core.InvalidRailError({ message: 'a rail needs a name' }),
    InvalidTransitionError: () =>
      new core.InvalidTransitionError({ from: 'new', to: 'closed', allowed: [] }),
    LoopResumeUnavailableError: () => new core.LoopResumeUnavailableError(),
    ResolutionCriteriaUnmetError: () => new core.ResolutionCriteriaUnmetError({ results: [] }),
    StepNotProvidedError: () => new core.StepNotProvidedError({ step: 'act' }),
    StoreUnavailableError: () => new core.StoreUnavailableError({ operation: 'insert' }),
  },
  '@guardloop/deterministic': {
    DuplicateRuleIdError: () =>
      new deterministic.DuplicateRuleIdError({ ruleId: 'r', indexes: [0, 1] }),
    InvalidPolicyError: () => new deterministic.InvalidPolicyError({ issues }),
    InvalidRuleError: () => new deterministic.InvalidRuleError({ issues }),
    RoleCycleError: () => new deterministic.RoleCycleError({ cycle: ['a', 'b', 'a'] }),
    UnknownOperatorError: () =>
      new deterministic.UnknownOperatorError({ ruleId: 'r', operator: 'x', path: 'when' }),
    UnknownRbacActionError: () =>
      new deterministic.UnknownRbacActionError({
        action: 'refnud',
        role: 'agent',
        effect: 'allow',
        declaredActions: ['refund'],
      }),
    UnknownRoleError: () =>
      new deterministic.UnknownRoleError({ role: 'x', referencedBy: 'agent', definedRoles: [] }),
  },
  '@guardloop/economic': {
    InvalidBudgetError: () => new economic.InvalidBudgetError({ issues }),
    InvalidRateLimitError: () => new economic.InvalidRateLimitError({ issues }),
    InvalidSloError: () => new economic.InvalidSloError({ issues }),
    InvalidWindowError: () =>
      new economic.InvalidWindowError({ window: '7x', subject: 'slo', reason: 'has no unit' }),
  },
  '@guardloop/feedback': {
    ArtifactNotFoundError: () => new feedback.ArtifactNotFoundError({ artifactId: 'macro' }),
    ConcurrentUpdateError: () =>
      new feedback.ConcurrentUpdateError({ record: 'trace t-1', attempts: 3 }),
    InvalidArtifactTransitionError: () =>
      new feedback.InvalidArtifactTransitionError({
        artifactId: 'macro',
        version: 1,
        status: 'rejected',
        action: 'approve',
      }),
    InvalidOutcomeError: () => new feedback.InvalidOutcomeError({ issues }),
    LoopEventRecordingError: () => new feedback.LoopEventRecordingError({ failures: [] }),
    NoCandidateQueuesError: () => new feedback.NoCandidateQueuesError({ category: 'billing' }),
    OutcomeConflictError: () =>
      new feedback.OutcomeConflictError({ outcomeId: 'o-1', fields: ['payload'] }),
    OutcomeNotRecordedError: () =>
      new feedback.OutcomeNotRecordedError({ outcomeIds: ['o-1'], reason: 'closed' }),
    ProblemNotFoundError: () => new feedback.ProblemNotFoundError({ problemId: 'p-1' }),
    UnknownTraceError: () =>
      new feedback.UnknownTraceError({ traceId: 't-1', outcomeType: 'resolved' }),
  },
  '@guardloop/inbox': {
    ActionNotRegisteredError: () => new inbox.ActionNotRegisteredError({ actionName: 'refund' }),
    AlreadyDecidedError: () =>
      new inbox.AlreadyDecidedError({ escalationId: 'e-1', status: 'approved' }),
    EditRefusedError: () => new inbox.EditRefusedError({ escalationId: 'e-1', decision }),
    EscalationNotFoundError: () => new inbox.EscalationNotFoundError({ escalationId: 'e-1' }),
    InputHashMismatchError: () =>
      new inbox.InputHashMismatchError({ escalationId: 'e-1', expected: 'a', actual: 'b' }),
    LeaseHeldError: () =>
      new inbox.LeaseHeldError({ escalationId: 'e-1', holder: 'lea', leaseExpiresAt: 0 }),
    MalformedItemError: () => new inbox.MalformedItemError({ escalationId: 'e-1', issues }),
    ReviewerNotAuthorizedError: () =>
      new inbox.ReviewerNotAuthorizedError({
        escalationId: 'e-1',
        reviewerId: 'lea',
        outcome: 'no_grant',
        reason: 'no grant',
      }),
  },
  '@guardloop/hypotheses': {
    InvalidPlaybookError: () => new hypotheses.InvalidPlaybookError({ issues }),
    LearningLeaseLostError: () =>
      new hypotheses.LearningLeaseLostError({
        job: 'calibrate',
        periodKey: '2026-12-01',
        attempt: 1,
        reason: 'taken_over',
      }),
    MalformedLearningRunError: () =>
      new hypotheses.MalformedLearningRunError({ job: 'calibrate', periodKey: 'p', issues }),
    MissingTemplateFieldError: () =>
      new hypotheses.MissingTemplateFieldError({
        field: 'accountId',
        path: 'entries.0.candidates.0.action.input.accountId',
        candidateId: 'reset',
      }),
    UnknownPlaybookActionError: () =>
      new hypotheses.UnknownPlaybookActionError({ actionName: 'drop_db', path: 'entries.0' }),
    UnknownPlaybookIntentError: () =>
      new hypotheses.UnknownPlaybookIntentError({ intent: 'weather', path: 'entries.0' }),
  },
  '@guardloop/hypotheses/ai': {
    ModelHypothesesError: () =>
      new hypothesesAi.ModelHypothesesError({ cause: new Error('timeout'), isRetryable: true }),
  },
  '@guardloop/intake': {
    // email
    EmailTooLargeError: () => new intake.EmailTooLargeError({ size: 11, maxBytes: 10 }),
    MalformedEmailError: () =>
      new intake.MalformedEmailError({ reason: 'no_headers', detail: 'no header' }),
    // fields: taxonomy, priority, form, webhooks, csat
    InvalidPriorityConfigError: () => new intake.InvalidPriorityConfigError({ issues }),
    InvalidTaxonomyError: () => new intake.InvalidTaxonomyError({ issues }),
    InvalidWebhookPayloadError: () =>
      new intake.InvalidWebhookPayloadError({ vendor: 'zendesk', issues }),
    TicketTraceNotFoundError: () => new intake.TicketTraceNotFoundError({ ticketId: 'T-1' }),
    UnknownClassifierLabelsError: () =>
      new intake.UnknownClassifierLabelsError({ unknownLabels: ['shipping'] }),
    UnsupportedWebhookEventError: () =>
      new intake.UnsupportedWebhookEventError({ vendor: 'zendesk', eventType: 'ticket.merged' }),
    // sla
    InvalidSlaEventError: () => new intake.InvalidSlaEventError({ ticketId: 'T-1', issues }),
    InvalidSlaPolicyError: () => new intake.InvalidSlaPolicyError({ issues }),
    MalformedTicketSlaStateError: () =>
      new intake.MalformedTicketSlaStateError({ ticketId: 'T-1', issues }),
  },
  '@guardloop/postgres': {
    DatabaseLockedError: () =>
      new postgres.DatabaseLockedError({ directory: '/d', lockFile: '/d/lock', holder: undefined }),
    PgliteNotInstalledError: () =>
      new postgres.PgliteNotInstalledError({ cause: new Error('not found') }),
  },
  '@guardloop/semantic': {
    EmptyTextError: () => new semantic.EmptyTextError(),
    TextTooLongError: () => new semantic.TextTooLongError({ length: 10, maxLength: 5 }),
    UnknownLabelError: () => new semantic.UnknownLabelError({ label: 'x', labels: ['billing'] }),
  },
  '@guardloop/semantic/ai': {
    ModelClassificationError: () =>
      new semanticAi.ModelClassificationError({ cause: new Error('timeout'), isRetryable: true }),
  },
  '@guardloop/undo-log': {
    ActionFailedError: () =>
      new undoLog.ActionFailedError({ actionId: 'a-1', actionName: 'refund', cause: 'boom' }),
    ActionInProgressError: () =>
      new undoLog.ActionInProgressError({ actionId: 'a-1', status: 'pending' }),
    ActionInterruptedError: () => new undoLog.ActionInterruptedError({ record }),
    ActionNotFoundError: () => new undoLog.ActionNotFoundError({ actionId: 'a-1' }),
    ApprovalRejectedError: () => new undoLog.ApprovalRejectedError({ actionName: 'refund' }),
    ApprovalRequiredError: () => new undoLog.ApprovalRequiredError({ actionName: 'refund' }),
    IdempotencyConflictError: () =>
      new undoLog.IdempotencyConflictError({
        idempotencyKey: 'key-1',
        existingActionId: 'a-1',
        existingActionName: 'refund',
      }),
    IdempotencyKeyRequiredError: () =>
      new undoLog.IdempotencyKeyRequiredError({ actionName: 'refund' }),
    InvalidActionStateError: () =>
      new undoLog.InvalidActionStateError({ actionId: 'a-1', status: 'failed', request: 'undo' }),
    IrreversibleActionError: () =>
      new undoLog.IrreversibleActionError({ actionId: 'a-1', actionName: 'refund' }),
    LeaseLostError: () => new undoLog.LeaseLostError({ actionId: 'a-1' }),
    MalformedRecordError: () => new undoLog.MalformedRecordError({ issues }),
    ResultNotStorableError: () =>
      new undoLog.ResultNotStorableError({ actionId: 'a-1', actionName: 'refund', issues }),
    SagaFailedError: () =>
      new undoLog.SagaFailedError({
        failedStep: 0,
        failedActionName: 'refund',
        cause: 'boom',
        rolledBack: [],
        notRolledBack: [],
      }),
    UndoFailedError: () => new undoLog.UndoFailedError({ actionId: 'a-1', cause: 'boom' }),
    UnknownActionError: () => new undoLog.UnknownActionError({ actionName: 'x', known: [] }),
  },
} satisfies { [Entry in keyof typeof entryPoints]: Record<string, () => core.GuardloopError> };
