export {
  type ApprovalBinding,
  approvalBindingSchema,
  assertApprovalBinding,
} from './approval/approval-binding';
export { canonicalJson, hashToolInput } from './approval/hash-tool-input';
export { createGuardedTools } from './create-guarded-tools';
export { type AiSdkErrorCode, aiSdkErrorCodes } from './errors/ai-sdk-error-codes';
export { ApprovalMismatchError } from './errors/approval-mismatch-error';
export { ApprovalUnverifiedError } from './errors/approval-unverified-error';
export { ToolCallDeniedError } from './errors/tool-call-denied-error';
export { ToolCallEscalatedError } from './errors/tool-call-escalated-error';
export { type FoundApproval, findApproval } from './find-approval';
export { type GuardedToolDefinition, guardedTool } from './guarded-tool-definition';
export type {
  ApprovalCheck,
  GuardedToolSet,
  GuardedTools,
  GuardedToolsOptions,
  ToolCallLike,
  ToolDecisionEvent,
} from './guarded-tools-options';
export type {
  GuardedToolsEscalation,
  GuardedToolsInbox,
  GuardedToolsInboxItem,
} from './inbox/guarded-tools-inbox';
