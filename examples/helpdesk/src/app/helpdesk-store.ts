import type { Ticket } from '@guardloop/core';
import type { Customer, Invoice } from './customer';

export interface OutboxMessage {
  id: string;
  ticketId: string;
  to: string;
  text: string;
  queuedAt: number;
  /** Replies wait in the outbox for a few minutes; a recalled one is never delivered. */
  recalled: boolean;
}

export interface Refund {
  id: string;
  invoiceId: string;
  accountId: string;
  amount: number;
  voided: boolean;
}

/**
 * The toy help-desk back office the actions touch: accounts, second factors, workspace
 * grants, refunds, the reply outbox, ticket queues and the tickets themselves. In memory and
 * synchronous on purpose: what matters is that every change has an exact inverse.
 */
export function createHelpdeskStore(customers: readonly Customer[]) {
  const byId = new Map(customers.map((customer) => [customer.id, structuredClone(customer)]));
  const byAccount = new Map([...byId.values()].map((customer) => [customer.accountId, customer]));
  const resetLinks = new Map<string, string>();
  const grants = new Set<string>();
  const refunds = new Map<string, Refund>();
  const outbox = new Map<string, OutboxMessage>();
  const queues = new Map<string, string>();
  const tickets = new Map<string, Ticket>();
  let sequence = 0;
  const next = (prefix: string) => `${prefix}-${++sequence}`;
  const account = (accountId: string) => {
    const found = byAccount.get(accountId);
    if (!found) throw new Error(`Unknown account '${accountId}'.`);
    return found;
  };

  return {
    customer: (customerId: string) => byId.get(customerId),
    account,
    invoice(accountId: string, invoiceId: string): Invoice | undefined {
      return byAccount.get(accountId)?.invoices.find((invoice) => invoice.id === invoiceId);
    },
    issueResetLink(accountId: string) {
      account(accountId);
      const token = next('reset');
      resetLinks.set(accountId, token);
      return token;
    },
    revokeResetLink(accountId: string, token: string) {
      if (resetLinks.get(accountId) === token) resetLinks.delete(accountId);
    },
    resetMfa(accountId: string) {
      const customer = account(accountId);
      const previous = customer.mfaFactors;
      customer.mfaFactors = [];
      return previous;
    },
    restoreMfa(accountId: string, factors: readonly string[]) {
      account(accountId).mfaFactors = [...factors];
    },
    grant: (accountId: string, workspace: string, role: string) =>
      grants.add(`${accountId}:${workspace}:${role}`),
    revoke: (accountId: string, workspace: string, role: string) =>
      grants.delete(`${accountId}:${workspace}:${role}`),
    hasGrant: (accountId: string, workspace: string, role: string) =>
      grants.has(`${accountId}:${workspace}:${role}`),
    refund(accountId: string, invoiceId: string, amount: number): Refund {
      const refund = { id: next('refund'), accountId, invoiceId, amount, voided: false };
      refunds.set(refund.id, refund);
      return refund;
    },
    voidRefund(refundId: string) {
      const refund = refunds.get(refundId);
      if (refund) refund.voided = true;
    },
    refunds: () => [...refunds.values()],
    queueMessage(message: Omit<OutboxMessage, 'id' | 'recalled'>) {
      const queued = { ...message, id: next('msg'), recalled: false };
      outbox.set(queued.id, queued);
      return queued.id;
    },
    recallMessage(messageId: string) {
      const message = outbox.get(messageId);
      if (message) message.recalled = true;
    },
    messagesFor: (ticketId: string) =>
      [...outbox.values()].filter((message) => message.ticketId === ticketId),
    assignQueue(ticketId: string, queue: string) {
      const previous = queues.get(ticketId);
      queues.set(ticketId, queue);
      return previous;
    },
    restoreQueue(ticketId: string, previous: string | undefined) {
      if (previous === undefined) queues.delete(ticketId);
      else queues.set(ticketId, previous);
    },
    queueOf: (ticketId: string) => queues.get(ticketId),
    ticket: (ticketId: string) => tickets.get(ticketId),
    saveTicket: (ticket: Ticket) => tickets.set(ticket.id, ticket),
    tickets: () => [...tickets.values()],
  };
}

export type HelpdeskStore = ReturnType<typeof createHelpdeskStore>;
