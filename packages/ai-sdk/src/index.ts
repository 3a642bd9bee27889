export {
  createGuardedTools,
  type GuardedToolSet,
  type GuardedTools,
  type GuardedToolsOptions,
  type ToolDecisionEvent,
} from './create-guarded-tools';
export { type AiSdkErrorCode, aiSdkErrorCodes } from './errors/ai-sdk-error-codes';
export { ToolCallDeniedError } from './errors/tool-call-denied-error';
export { ToolCallEscalatedError } from './errors/tool-call-escalated-error';
export { type FoundApproval, findApproval } from './find-approval';
export { type GuardedToolDefinition, guardedTool } from './guarded-tool-definition';
