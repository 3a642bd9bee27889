import type { ModelMessage } from 'ai';

export interface FoundApproval {
  approvalId: string;
  approved: boolean;
  reason?: string;
}

/**
 * Finds the human's answer to the approval request of one tool call in the conversation:
 * the request (assistant message) names the tool call, the response (tool message) the approval.
 */
export function findApproval(
  messages: readonly ModelMessage[],
  toolCallId: string,
): FoundApproval | undefined {
  const parts: Array<{ type: string }> = [];
  for (const message of messages) {
    if (Array.isArray(message.content)) parts.push(...(message.content as Array<{ type: string }>));
  }
  const request = parts.find(
    (part) =>
      part.type === 'tool-approval-request' &&
      (part as { toolCallId?: string }).toolCallId === toolCallId,
  ) as { approvalId: string } | undefined;
  if (!request) return undefined;
  const response = parts.find(
    (part) =>
      part.type === 'tool-approval-response' &&
      (part as { approvalId?: string }).approvalId === request.approvalId,
  ) as { approvalId: string; approved: boolean; reason?: string } | undefined;
  if (!response) return undefined;
  return {
    approvalId: response.approvalId,
    approved: response.approved,
    ...(response.reason ? { reason: response.reason } : {}),
  };
}
