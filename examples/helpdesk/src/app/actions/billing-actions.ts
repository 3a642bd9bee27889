import { defineAction } from '@guardloop/undo-log';
import { z } from 'zod';
import { type ActionDependencies, queueReply, replyFields } from './reply-input';

const invoiceInput = z.object({
  accountId: z.string().regex(/^acc-\d+$/),
  invoiceId: z.string().regex(/^INV-\d+$/),
  ...replyFields,
});

/** Money and documents: a refund is voided by its undo, a queued invoice copy recalled. */
export function createBillingActions(dependencies: ActionDependencies) {
  const { store } = dependencies;
  const email = (accountId: string) => store.account(accountId).email;

  const issueRefund = defineAction({
    name: 'issue_refund',
    reversible: true,
    input: invoiceInput.extend({ amount: z.number().positive(), currency: z.literal('EUR') }),
    do(input) {
      const refund = store.refund(input.accountId, input.invoiceId, input.amount);
      return {
        refundId: refund.id,
        messageId: queueReply(dependencies, input, email(input.accountId)),
      };
    },
    undo(_input, { result }) {
      if (!result) return;
      store.voidRefund(result.refundId);
      store.recallMessage(result.messageId);
    },
  });

  const sendInvoiceCopy = defineAction({
    name: 'send_invoice_copy',
    reversible: true,
    input: invoiceInput,
    do: (input) => ({ messageId: queueReply(dependencies, input, email(input.accountId)) }),
    undo(_input, { result }) {
      if (result) store.recallMessage(result.messageId);
    },
  });

  return [issueRefund, sendInvoiceCopy] as const;
}
