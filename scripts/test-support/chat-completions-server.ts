// One fake OpenAI-compatible provider for every package that tests a real provider package
// (semantic, hypotheses) over the wire; test-only, never published.

import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake server does with one request. */
export type ServerReply =
  | { type: 'content'; content: string }
  | { type: 'status'; status: number; headers?: Record<string, string>; body?: string }
  | { type: 'raw'; body: string }
  | { type: 'hang' };

export interface ChatCompletionsServer {
  baseURL: string;
  /** Parsed JSON bodies of the requests received, in order. */
  requests: Array<Record<string, unknown>>;
  /** Replies to give, in order; the last one repeats. */
  reply(...replies: ServerReply[]): void;
  /** Resolves when `count` requests have arrived. */
  received(count: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A local server speaking the OpenAI chat-completions wire format (`POST /v1/chat/completions`),
 * on 127.0.0.1 and a free port, for driving a real provider package in tests.
 */
export async function startChatCompletionsServer(): Promise<ChatCompletionsServer> {
  const requests: Array<Record<string, unknown>> = [];
  let replies: ServerReply[] = [{ type: 'status', status: 500 }];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    requests.push(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
    for (const waiter of waiters.filter((waiting) => requests.length >= waiting.count)) {
      waiter.resolve();
    }
    const next = (replies.length > 1 ? replies.shift() : replies[0]) as ServerReply;
    if (request.url !== '/v1/chat/completions')
      return send(response, 404, { error: { message: 'not found' } });
    switch (next.type) {
      case 'hang':
        return;
      case 'content':
        return send(response, 200, {
          id: `chatcmpl-${requests.length}`,
          object: 'chat.completion',
          created: 1_700_000_000,
          model: String(requests.at(-1)?.model ?? 'test-model'),
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: next.content },
              finish_reason: 'stop',
            },
          ],
          usage: { prompt_tokens: 50, completion_tokens: 10, total_tokens: 60 },
        });
      case 'status':
        response.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
        return response.end(
          next.body ??
            JSON.stringify({
              error: { message: `HTTP ${next.status} from the test server`, type: 'server_error' },
            }),
        );
      case 'raw':
        response.writeHead(200, { 'content-type': 'application/json' });
        return response.end(next.body);
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    reply: (...next) => {
      replies = next;
    },
    received: (count) =>
      requests.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ count, resolve })),
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

function send(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
