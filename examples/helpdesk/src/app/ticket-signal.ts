import { fingerprint, type SignalInput } from '@guardloop/core';
import { refundBand } from './inbox/reviewer-policy';
import type { Ticket } from './ticket';
import type { TicketFacts } from './ticket-facts';

/**
 * Intake: a ticket becomes a guardloop signal. The fingerprint says what counts as "the same
 * ticket": status-widget reports of one service and error are one incident, whoever sends them;
 * anything else is the same only when the same customer sends the same words again. With the
 * back office's facts (`readTicketFacts`), the payload also carries what the playbook's
 * templates read: the account, the invoice and amount, the role and workspace asked for.
 */
export function ticketSignal(ticket: Ticket, facts?: TicketFacts): SignalInput {
  return {
    source: ticket.channel,
    kind: 'ticket',
    occurredAt: ticket.at,
    tenant: ticket.tenant,
    fingerprint: ticket.widget
      ? fingerprint({ incident: ticket.widget })
      : fingerprint({ customer: ticket.customerId, subject: ticket.subject, body: ticket.body }),
    payload: {
      ticketId: ticket.id,
      customerId: ticket.customerId,
      subject: ticket.subject,
      body: ticket.body,
      ...(ticket.widget ? { widget: ticket.widget } : {}),
      ...(facts ? factsPayload(facts) : {}),
    },
  };
}

/**
 * The facts as payload fields. Defaults are the ones an agent would assume: the latest invoice,
 * viewer access to the Support workspace; a fact nobody knows is `null` (still a value for the
 * templates, which fail only on a field that is absent).
 */
function factsPayload(facts: TicketFacts) {
  const { customer } = facts;
  const invoice = facts.invoice ?? customer.invoices.at(-1);
  const amount = facts.amount ?? facts.invoice?.amount;
  return {
    accountId: customer.accountId,
    firstName: customer.name.split(' ')[0] ?? customer.name,
    invoiceId: invoice?.id ?? null,
    amount: amount ?? null,
    refundBand: refundBand(amount),
    role: facts.role ?? 'viewer',
    workspace: facts.workspace ?? 'Support',
    // The apologetic macro answers complaints about double charges (see the playbook).
    ...(/charged twice/i.test(facts.subject) ? { productArea: 'double-charge' } : {}),
    evidence: facts.evidence,
  };
}
