import type { ModelMessage } from 'ai';

export interface FoundApproval {
  approvalId: string;
  /** True only when every answer to the request is the boolean `true`. */
  approved: boolean;
  reason?: string;
}

type Part = Record<string, unknown>;

/**
 * Finds the human's answer to the approval request of one tool call in the conversation:
 * the request (assistant message) names the tool call, the response (tool message) the approval.
 * Fails closed: anything but `approved: true` (e.g. the string `"false"`), or any declining
 * answer among several, counts as declined.
 */
export function findApproval(
  messages: readonly ModelMessage[],
  toolCallId: string,
): FoundApproval | undefined {
  const parts: Part[] = [];
  for (const message of Array.isArray(messages) ? messages : []) {
    const content = (message as { content?: unknown } | null)?.content;
    if (!Array.isArray(content)) continue;
    for (const part of content) {
      if (typeof part === 'object' && part !== null) parts.push(part as Part);
    }
  }
  const request = parts.find(
    (part) => part.type === 'tool-approval-request' && part.toolCallId === toolCallId,
  );
  if (typeof request?.approvalId !== 'string') return undefined;
  const responses = parts.filter(
    (part) => part.type === 'tool-approval-response' && part.approvalId === request.approvalId,
  );
  if (responses.length === 0) return undefined;
  const declined = responses.find((response) => response.approved !== true);
  const decisive = declined ?? responses[0];
  const reason = decisive?.reason;
  return {
    approvalId: request.approvalId,
    approved: declined === undefined,
    ...(typeof reason === 'string' && reason ? { reason } : {}),
  };
}
