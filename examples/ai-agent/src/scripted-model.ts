import { MockLanguageModelV4 } from 'ai/test';

const usage = {
  inputTokens: { total: 40, noCache: 40, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 20, text: 20, reasoning: 0 },
};

/**
 * A stand-in for a real model (`openai('gpt-5')`, …), so the example runs offline: it calls
 * the three tools at once, and answers in text once it has read their results.
 */
export function createScriptedModel() {
  return new MockLanguageModelV4({
    doGenerate: async ({ prompt }) => {
      const results = prompt.flatMap((message) =>
        message.role === 'tool'
          ? message.content.filter((part) => part.type === 'tool-result')
          : [],
      );
      if (results.length > 0) {
        const refused = (part: (typeof results)[number]) => part.output.type === 'execution-denied';
        const names = (parts: typeof results) => parts.map((part) => part.toolName).join(', ');
        const text = `Ran ${names(results.filter((part) => !refused(part)))}; refused ${names(results.filter(refused))}.`;
        return { content: [{ type: 'text', text }], finishReason: stop, usage, warnings: [] };
      }
      const call = (toolCallId: string, toolName: string, input: unknown) => ({
        type: 'tool-call' as const,
        toolCallId,
        toolName,
        input: JSON.stringify(input),
      });
      return {
        content: [
          call('call-1', 'lookUpOrder', { orderId: 'A-1' }),
          call('call-2', 'refundOrder', { orderId: 'A-1', amount: 120 }),
          call('call-3', 'closeAccount', { customerId: 'cus-7' }),
        ],
        finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
        usage,
        warnings: [],
      };
    },
  });
}

const stop = { unified: 'stop' as const, raw: 'stop' };
