import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer of the fake provider: gets the parsed request body. */
export type Reply = (body: ChatRequest, response: ServerResponse) => void;

export interface ChatRequest {
  model: string;
  messages: Array<{
    role: string;
    content?: unknown;
    tool_call_id?: string;
    tool_calls?: unknown[];
  }>;
  tools?: Array<{ type: string; function: { name: string } }>;
}

export interface ToolCallReply {
  id: string;
  name: string;
  /** Raw JSON text, as the provider sends it (may be malformed on purpose). */
  arguments: string;
}

const completion = (message: Record<string, unknown>, finishReason: string) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1_764_547_200,
  model: 'helpdesk-model',
  choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finishReason }],
  usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 },
});

const json = (response: ServerResponse, status: number, body: unknown, headers = {}) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};

/** OpenAI chat-completions answers: tool calls, text, and the faults a provider returns. */
export const reply = {
  toolCalls:
    (...calls: ToolCallReply[]): Reply =>
    (_, response) =>
      json(
        response,
        200,
        completion(
          {
            content: null,
            tool_calls: calls.map((call) => ({
              id: call.id,
              type: 'function',
              function: { name: call.name, arguments: call.arguments },
            })),
          },
          'tool_calls',
        ),
      ),
  text:
    (text: string): Reply =>
    (_, response) =>
      json(response, 200, completion({ content: text }, 'stop')),
  error:
    (status: number, message: string, headers: Record<string, string> = {}): Reply =>
    (_, response) =>
      json(response, status, { error: { message, type: 'server_error', code: null } }, headers),
  /** Never answers: the client has to give up (abort) on its own. */
  hang: (): Reply => () => {},
};

/**
 * A local provider speaking the OpenAI chat-completions wire format on 127.0.0.1 (port 0).
 * Each request takes the next scripted reply; `received` resolves on each request's arrival.
 */
export async function startChatCompletionsServer(replies: Reply[]) {
  const requests: ChatRequest[] = [];
  const open = new Set<ServerResponse>();
  let notify: (() => void) | undefined;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
      requests.push(body);
      open.add(response);
      response.on('close', () => open.delete(response));
      const next = replies.shift() ?? reply.error(500, 'no scripted reply left');
      next(body, response);
      notify?.();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    /** Resolves once the server has received `count` requests. */
    received: (count: number) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (requests.length >= count) resolve();
        };
        notify = check;
        check();
      }),
    close: async () => {
      for (const response of open) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
