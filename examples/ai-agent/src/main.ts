// `pnpm start`: an AI SDK agent whose tool calls pass guardloop's rails, offline.
import { generateText, type ModelMessage, type ToolApprovalResponse } from 'ai';
import { createBackOffice } from './back-office';
import { createScriptedModel } from './scripted-model';
import { createSupportTools } from './support-agent';

/** One conversation: the model calls three tools; a reviewer answers the escalated call. */
export async function runConversation({ reviewerApproves = true } = {}) {
  const office = createBackOffice();
  const support = createSupportTools(office, 'conversation-1');
  const { tools, toolApproval } = support;
  const model = createScriptedModel();
  const messages: ModelMessage[] = [
    { role: 'user', content: 'Order A-1 arrived broken: refund it, then close my account cus-7.' },
  ];
  // Turn 1: the look-up runs, closing the account is denied, the refund waits for a human.
  const first = await generateText({ model, tools, toolApproval, messages });
  messages.push(...first.response.messages);
  // Denials are answered by the SDK itself (`isAutomatic`): only the escalations are open.
  const requests = first.content.filter(
    (part) => part.type === 'tool-approval-request' && !part.isAutomatic,
  );
  const answers: ToolApprovalResponse[] = [];
  for (const request of requests) {
    if (request.type !== 'tool-approval-request') continue;
    // In production a reviewer answers in your back office, and the server records the grant.
    if (reviewerApproves) {
      support.approvals.set(request.approvalId, support.approvalBindingOf(request.toolCall));
    }
    answers.push({
      type: 'tool-approval-response',
      approvalId: request.approvalId,
      approved: reviewerApproves,
    });
  }
  // The SDK reads the answers from the last tool message only.
  const last = messages.at(-1);
  if (last?.role === 'tool') last.content.push(...answers);
  else messages.push({ role: 'tool', content: answers });
  // Turn 2: the approved refund runs (verified on the server), then the model answers.
  const second = await generateText({ model, tools, toolApproval, messages });
  const actions = await support.undoLog.listTrace(support.traceId);
  return { turn1: first.content, answer: second.text, office, actions, undoAll: support.undoAll };
}

if (import.meta.filename === process.argv[1]) {
  const { turn1, answer, actions } = await runConversation();
  for (const part of turn1) {
    if (part.type === 'tool-result') console.log(`ran       ${part.toolName}`);
    if (part.type === 'tool-approval-request' && !part.isAutomatic) {
      console.log(`escalated ${part.toolCall.toolName}: ${part.reason}`);
    }
    if (part.type === 'tool-approval-response' && !part.approved) {
      console.log(`denied    ${part.toolCall.toolName}: ${part.reason}`);
    }
  }
  console.log(`model:    ${answer}`);
  console.log(
    `undo log: ${actions.map((record) => `${record.actionName} ${record.status}`).join(', ')}`,
  );
}
