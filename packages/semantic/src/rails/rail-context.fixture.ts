import type { RailContext } from '@guardloop/core';

/** A minimal rail context for tests, with the customer's message and an optional draft. */
export function railContext(
  message: string | undefined,
  extra: Partial<RailContext> = {},
): RailContext {
  return {
    traceId: 'trace-1',
    actor: { id: 'ai-agent', type: 'ai', roles: [] },
    ...(message === undefined
      ? {}
      : {
          signal: {
            id: 'signal-1',
            source: 'zendesk',
            kind: 'ticket',
            fingerprint: 'f',
            payload: { subject: 'Help', body: message },
            occurredAt: 0,
            receivedAt: 0,
            traceId: 'trace-1',
          },
        }),
    ...extra,
  };
}

export const options: { abortSignal: AbortSignal } = { abortSignal: new AbortController().signal };
