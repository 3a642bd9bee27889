import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { escalate, type Rail } from '@guardloop/core';
import { APICallError, generateText, type ModelMessage, stepCountIs } from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApprovalBinding, assertApprovalBinding } from './approval/approval-binding';
import type { ApprovalCheck } from './guarded-tools-options';
import { reply, startChatCompletionsServer } from './test-support/chat-completions-server';
import { approve, chargingRail, setup } from './test-support/guarded-setup';

// The model path through a real provider client (@ai-sdk/openai-compatible) and a local server
// speaking the OpenAI chat-completions wire format: nothing runs on a broken answer.

let server: Awaited<ReturnType<typeof startChatCompletionsServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function providerAnswering(...replies: Parameters<typeof startChatCompletionsServer>[0]) {
  server = await startChatCompletionsServer(replies);
  const provider = createOpenAICompatible({ baseURL: server.baseURL, name: 'local' });
  return { model: provider.chatModel('helpdesk-model'), server };
}

function guardedWithBudget(rails: Rail[] = [], extra: Parameters<typeof setup>[1] = {}) {
  const budget = chargingRail();
  const context = setup([...rails, budget.rail], extra);
  return { ...context, budget };
}

const refundCall = {
  id: 'call_1',
  name: 'issueRefund',
  arguments: '{"orderId":"A-1","tokens":2000}',
};

/** The tool errors of every step, as the model reads them: the tool name and the message. */
const toolErrorsOf = (result: { steps: Array<{ content: Array<{ type: string }> }> }) =>
  result.steps
    .flatMap((step) => step.content)
    .filter((part) => part.type === 'tool-error')
    .map((part) => {
      const { toolName, error } = part as unknown as { toolName: string; error: unknown };
      return { toolName, message: error instanceof Error ? error.message : String(error) };
    });

// One step for the tool call, one for the answer after its result.
const twoSteps = stepCountIs(2);

describe('guarded tools through a real provider client', () => {
  it('runs a tool call from the wire once, charges it once, and sends the result back', async () => {
    const { model, server } = await providerAnswering(
      reply.toolCalls(refundCall),
      reply.text('Refunded.'),
    );
    const { guarded, undoLog, budget } = guardedWithBudget();
    const result = await generateText({
      model,
      tools: guarded.tools,
      toolApproval: guarded.toolApproval,
      prompt: 'refund A-1',
      stopWhen: twoSteps,
    });
    expect(result.text).toBe('Refunded.');
    expect(budget.charges).toEqual([2000]);
    expect(await undoLog.listTrace('conversation-1')).toEqual([
      expect.objectContaining({
        actionName: 'issue_refund',
        idempotencyKey: 'conversation-1:call_1',
      }),
    ]);
    expect(server.requests[0]?.tools?.map((tool) => tool.function.name)).toContain('issueRefund');
    expect(server.requests[1]?.messages).toContainEqual(
      expect.objectContaining({ role: 'tool', tool_call_id: 'call_1' }),
    );
  });

  it('runs an irreversible call once a verified approval for that exact input comes back', async () => {
    const approvals = new Map<string, ApprovalBinding>();
    const verifyApproval = ({ approval, binding }: ApprovalCheck) => {
      const approved = approvals.get(approval.approvalId);
      if (approved) assertApprovalBinding(approved, binding, approval.approvalId);
      return approved !== undefined;
    };
    const { model } = await providerAnswering(
      reply.toolCalls({ id: 'call_9', name: 'closeAccount', arguments: '{"user":"ada"}' }),
      reply.text('Closed.'),
    );
    const { guarded, closed } = guardedWithBudget([], { verifyApproval });
    const options = { model, tools: guarded.tools, toolApproval: guarded.toolApproval };
    const first = await generateText({ ...options, prompt: 'close my account' });
    const request = first.content.find((part) => part.type === 'tool-approval-request');
    if (request?.type !== 'tool-approval-request') throw new Error('expected an approval request');
    expect(closed).not.toHaveBeenCalled();
    approvals.set(request.approvalId, guarded.approvalBindingOf(request.toolCall));
    const messages: ModelMessage[] = [
      { role: 'user', content: 'close my account' },
      ...first.response.messages,
      approve(request.approvalId, true),
    ];
    const second = await generateText({ ...options, messages });
    expect(second.text).toBe('Closed.');
    expect(closed).toHaveBeenCalledExactlyOnceWith('ada');
  });

  it('retries a 429 after its retry-after, and runs the call once', async () => {
    const { model, server } = await providerAnswering(
      reply.error(429, 'Rate limit reached', { 'retry-after': '0' }),
      reply.toolCalls(refundCall),
      reply.text('Refunded.'),
    );
    const { guarded, budget } = guardedWithBudget();
    const result = await generateText({
      model,
      tools: guarded.tools,
      toolApproval: guarded.toolApproval,
      prompt: 'refund A-1',
      stopWhen: twoSteps,
    });
    expect(result.text).toBe('Refunded.');
    expect(server.requests).toHaveLength(3);
    expect(budget.charges).toEqual([2000]);
  });

  it.each([
    [429, 'Rate limit reached', { 'retry-after': '30' }, true],
    [500, 'The server had an error', {}, true],
    [400, 'Unknown model', {}, false],
  ])(
    'surfaces a %i as an APICallError and runs nothing',
    async (status, message, headers, retryable) => {
      const { model } = await providerAnswering(reply.error(status, message, headers));
      const { guarded, undoLog, budget } = guardedWithBudget();
      const failure = generateText({
        model,
        tools: guarded.tools,
        toolApproval: guarded.toolApproval,
        prompt: 'refund A-1',
        maxRetries: 0,
      });
      await expect(failure).rejects.toSatisfy(
        (error) =>
          APICallError.isInstance(error) &&
          error.statusCode === status &&
          error.isRetryable === retryable &&
          error.message.includes(message) &&
          Object.entries(headers).every(([name, value]) => error.responseHeaders?.[name] === value),
      );
      expect(budget.charges).toEqual([]);
      expect(await undoLog.listTrace('conversation-1')).toEqual([]);
    },
  );

  it('gives up on a provider that never answers when the caller aborts, and runs nothing', async () => {
    const { model, server } = await providerAnswering(reply.hang());
    const { guarded, undoLog, budget } = guardedWithBudget();
    const controller = new AbortController();
    const failure = generateText({
      model,
      tools: guarded.tools,
      toolApproval: guarded.toolApproval,
      prompt: 'refund A-1',
      abortSignal: controller.signal,
    });
    await server.received(1);
    controller.abort(new Error('provider timeout'));
    await expect(failure).rejects.toThrow(/provider timeout|abort/i);
    expect(budget.charges).toEqual([]);
    expect(await undoLog.listTrace('conversation-1')).toEqual([]);
  });

  it.each([
    ['truncated JSON arguments', '{"orderId":"A-1","tokens":'],
    ['arguments that break the schema', '{"orderId":42}'],
    ['arguments that are not an object', '"refund everything"'],
  ])('runs nothing on %s, and tells the model why', async (_, args) => {
    const { model, server } = await providerAnswering(
      reply.toolCalls({ ...refundCall, arguments: args }),
      reply.text('Sorry, I could not do that.'),
    );
    const { guarded, undoLog, budget } = guardedWithBudget();
    const result = await generateText({
      model,
      tools: guarded.tools,
      toolApproval: guarded.toolApproval,
      prompt: 'refund A-1',
      stopWhen: twoSteps,
    });
    expect(toolErrorsOf(result)).toEqual([
      {
        toolName: 'issueRefund',
        message: expect.stringMatching(/InvalidToolInputError: Invalid input for tool issueRefund/),
      },
    ]);
    expect(budget.charges).toEqual([]);
    expect(await undoLog.listTrace('conversation-1')).toEqual([]);
    // The model is told the call failed, and answers.
    expect(JSON.stringify(server.requests[1]?.messages)).toMatch(
      /Invalid input for tool issueRefund/,
    );
    expect(result.text).toBe('Sorry, I could not do that.');
  });

  it('runs nothing for an unknown tool name, and names it', async () => {
    const { model } = await providerAnswering(
      reply.toolCalls({ id: 'call_x', name: 'drop_database', arguments: '{}' }),
      reply.text('I cannot do that.'),
    );
    const { guarded, undoLog, budget, onDecision } = guardedWithBudget();
    const result = await generateText({
      model,
      tools: guarded.tools,
      toolApproval: guarded.toolApproval,
      prompt: 'drop it',
      stopWhen: twoSteps,
    });
    expect(toolErrorsOf(result)).toEqual([
      {
        toolName: 'drop_database',
        message: expect.stringMatching(/unavailable tool 'drop_database'/),
      },
    ]);
    expect(result.text).toBe('I cannot do that.');
    expect(onDecision).not.toHaveBeenCalled();
    expect(budget.charges).toEqual([]);
    expect(await undoLog.listTrace('conversation-1')).toEqual([]);
  });

  it('runs the valid call and refuses the broken one when one answer holds both', async () => {
    const vip: Rail = { name: 'vip', kind: 'deterministic', evaluate: () => escalate('VIP') };
    const { model } = await providerAnswering(
      reply.toolCalls(refundCall, { id: 'call_2', name: 'resetPassword', arguments: '{"user":' }),
      reply.text('Partly done.'),
    );
    const { guarded, reset, budget } = guardedWithBudget([vip]);
    const result = await generateText({
      model,
      tools: guarded.tools,
      toolApproval: guarded.toolApproval,
      prompt: 'refund and reset',
    });
    // The refund is escalated (awaits a human), the reset is malformed: nothing ran or was charged.
    expect(result.content.some((part) => part.type === 'tool-approval-request')).toBe(true);
    expect(toolErrorsOf(result)).toEqual([
      { toolName: 'resetPassword', message: expect.stringMatching(/JSON parsing failed/) },
    ]);
    expect(reset).not.toHaveBeenCalled();
    expect(budget.charges).toEqual([]);
  });
});
