import { defineAction } from '@guardloop/undo-log';
import { z } from 'zod';
import { type ActionDependencies, queueReply, replyFields } from './reply-input';

/** Actions on the ticket itself: a macro reply, and the queue it waits in. */
export function createTicketActions(dependencies: ActionDependencies) {
  const { store } = dependencies;
  const customerEmail = (ticketId: string, fallback: string) =>
    store.customer(store.ticket(ticketId)?.data.customerId as string)?.email ?? fallback;

  const sendMacroReply = defineAction({
    name: 'send_macro_reply',
    reversible: true,
    input: z.object({
      macroId: z.string().min(1),
      macroVersion: z.number().int().positive(),
      ...replyFields,
    }),
    do: (input) => ({
      messageId: queueReply(dependencies, input, customerEmail(input.ticketId, 'unknown')),
    }),
    undo(_input, { result }) {
      if (result) store.recallMessage(result.messageId);
    },
  });

  const assignQueue = defineAction({
    name: 'assign_queue',
    reversible: true,
    input: z.object({ queue: z.string().min(1), ...replyFields }),
    snapshot: (input) => ({ previous: store.queueOf(input.ticketId) ?? null }),
    do(input) {
      store.assignQueue(input.ticketId, input.queue);
      return {
        messageId: queueReply(dependencies, input, customerEmail(input.ticketId, 'unknown')),
      };
    },
    undo(input, { result, snapshot }) {
      store.restoreQueue(input.ticketId, snapshot.previous ?? undefined);
      if (result) store.recallMessage(result.messageId);
    },
  });

  return [sendMacroReply, assignQueue] as const;
}
