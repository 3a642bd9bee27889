/** Stable error codes thrown by `@guardloop/ai-sdk`. */
export const aiSdkErrorCodes = {
  toolCallDenied: 'tool_call_denied',
  toolCallEscalated: 'tool_call_escalated',
  approvalMismatch: 'approval_mismatch',
  approvalUnverified: 'approval_unverified',
} as const;

export type AiSdkErrorCode = (typeof aiSdkErrorCodes)[keyof typeof aiSdkErrorCodes];
