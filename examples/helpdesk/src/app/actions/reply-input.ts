import type { Clock } from '@guardloop/core';
import { z } from 'zod';
import type { HelpdeskStore } from '../helpdesk-store';

/** Every customer-facing action carries the ticket and the reply that tells the customer. */
export const replyFields = {
  ticketId: z.string().min(1),
  reply: z.string().min(1),
};

export interface ActionDependencies {
  store: HelpdeskStore;
  clock: Clock;
}

/** Queues the reply in the outbox; undo recalls it before it goes out. */
export function queueReply(
  { store, clock }: ActionDependencies,
  input: { ticketId: string; reply: string },
  to: string,
): string {
  return store.queueMessage({
    ticketId: input.ticketId,
    to,
    text: input.reply,
    queuedAt: clock.now(),
  });
}
