import { defineAction } from '@guardloop/undo-log';
import { z } from 'zod';
import type { DeskState } from './desk-state';

const ticketId = z.string().min(1).max(64).describe('Ticket');

/** The actions the assistant may propose; their input schemas also generate the edit forms. */
export function createDeskActions(state: DeskState) {
  const addTag = defineAction({
    name: 'add_tag',
    input: z.object({ ticketId, tag: z.enum(['vip', 'billing', 'shipping', 'churn-risk']) }),
    reversible: true,
    do: (input) => {
      const tags = state.tags.get(input.ticketId) ?? new Set<string>();
      tags.add(input.tag);
      state.tags.set(input.ticketId, tags);
      return { tagged: input.tag };
    },
    undo: (input) => void state.tags.get(input.ticketId)?.delete(input.tag),
  });
  const issueRefund = defineAction({
    name: 'issue_refund',
    input: z.object({
      ticketId,
      orderId: z
        .string()
        .regex(/^O-\d+$/, 'An order id such as O-1234')
        .describe('Order'),
      amountUsd: z.number().positive().max(2000).describe('Amount (USD)'),
      note: z.string().max(200).optional().describe('Note to the customer'),
    }),
    reversible: true,
    do: (input) => {
      state.refunds.set(input.ticketId, { orderId: input.orderId, amountUsd: input.amountUsd });
      return { refundId: `R-${input.orderId}` };
    },
    undo: (input) => void state.refunds.delete(input.ticketId),
  });
  const bookCourier = defineAction({
    name: 'book_courier',
    input: z.object({ ticketId, orderId: z.string().regex(/^O-\d+$/) }),
    reversible: true,
    do: (input) => {
      if (state.courierOutages.has(input.ticketId)) throw new Error('Courier API unavailable');
      state.courierBookings.add(input.ticketId);
      return { booking: `C-${input.orderId}` };
    },
    undo: (input) => void state.courierBookings.delete(input.ticketId),
  });
  const deleteAccount = defineAction({
    name: 'delete_account',
    input: z.object({ ticketId, accountId: z.string().min(1).max(64).describe('Account') }),
    reversible: false, // runs only with an approval this console's inbox holds
    do: (input) => {
      state.deletedAccounts.add(input.accountId);
      return { deleted: input.accountId };
    },
  });
  return {
    addTag,
    issueRefund,
    bookCourier,
    deleteAccount,
    list: [addTag, issueRefund, bookCourier, deleteAccount],
  };
}

export type DeskActions = ReturnType<typeof createDeskActions>;
