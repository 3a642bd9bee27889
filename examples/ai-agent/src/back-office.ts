import { defineAction } from '@guardloop/undo-log';
import { z } from 'zod';

/** A toy back office and its actions: look an order up, refund it, close an account. */
export function createBackOffice() {
  const refunds = new Map<string, number>();
  const closed = new Set<string>();
  const lookUpOrder = defineAction({
    name: 'look_up_order',
    input: z.object({ orderId: z.string() }),
    reversible: true,
    do: ({ orderId }) => ({ orderId, total: 120, status: 'delivered' }),
    undo: () => {}, // a read: nothing to undo
  });
  const refundOrder = defineAction({
    name: 'refund_order',
    input: z.object({ orderId: z.string(), amount: z.number().positive() }),
    reversible: true,
    do: ({ orderId, amount }) => {
      refunds.set(orderId, amount);
      return { refunded: amount };
    },
    undo: ({ orderId }) => {
      refunds.delete(orderId);
    },
  });
  // Irreversible: it can only ever run after a human approves it.
  const closeAccount = defineAction({
    name: 'close_account',
    input: z.object({ customerId: z.string() }),
    reversible: false,
    do: ({ customerId }) => {
      closed.add(customerId);
      return { closed: customerId };
    },
  });
  return { refunds, closed, actions: { lookUpOrder, refundOrder, closeAccount } };
}

export type BackOffice = ReturnType<typeof createBackOffice>;
