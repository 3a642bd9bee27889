import type { Clock, Signal } from '@guardloop/core';
import { defineTaxonomy, handleSupportForm, type SupportForm } from '@guardloop/intake';
import type { Ticket, TicketCase } from './ticket-cases';

/** The desk's controlled lists: what the form's and the stream's fields normalize to. */
export const deskTaxonomy = defineTaxonomy({
  categories: ['billing', 'shipping', 'privacy', 'account'],
  productAreas: ['orders', 'accounts'],
  channels: ['email', 'chat', 'form', 'web'],
});

export type IntakeResult =
  | { ok: true; signal: Signal; form: SupportForm }
  | { ok: false; fieldErrors: Record<string, string[]> };

/**
 * A ticket's signal through intake (`handleSupportForm`): validated, fields normalized by the
 * taxonomy. Its id and trace id are the ticket's, so the trace is found by ticket id.
 */
export function intakeTicket(
  ticketId: string,
  submitted: unknown,
  options: { channel: string; clock: Clock },
): IntakeResult {
  const ids = [`signal:${ticketId}`, ticketId];
  return handleSupportForm(submitted, {
    taxonomy: deskTaxonomy,
    source: 'helpdesk',
    channel: options.channel,
    clock: options.clock,
    idGenerator: () => ids.shift() ?? ticketId,
  });
}

/** What the simulated customer typed into the help desk for a drawn ticket. */
export function submittedForm(ticket: Omit<Ticket, 'id' | 'receivedAt'>) {
  const local = ticket.customer.toLowerCase().replace(/[^a-z]+/g, '.');
  return {
    email: `${local}@example.com`,
    name: ticket.customer,
    subject: ticket.subject,
    description: `${ticket.subject} (order ${ticket.orderId}, account ${ticket.accountId}).`,
    category: ticket.category,
  };
}

const orderPattern = /\bO-\d{4,6}\b/;
const accountPattern = /\bA-\d{4,6}\b/;

/** A ticket from the console's web form: the assistant proposes by the normalized category. */
export function caseFromForm(signal: Signal, form: SupportForm): TicketCase {
  const category = signal.fields?.category;
  const text = `${form.subject} ${form.description}`;
  const number = String(1000 + (text.length % 9000));
  const base = {
    customer: form.name ?? form.email,
    accountId: text.match(accountPattern)?.[0] ?? `A-${number}`,
    orderId: text.match(orderPattern)?.[0] ?? `O-${number}`,
    channel: 'form' as const,
    subject: form.subject,
  };
  switch (category) {
    case 'billing':
      return { kind: 'small-refund', refundUsd: 25, ticket: { ...base, category } };
    case 'shipping':
      return { kind: 'return', ticket: { ...base, category } };
    case 'privacy':
      return { kind: 'deletion', ticket: { ...base, category } };
    default:
      return { kind: 'tag', ticket: { ...base, category: 'account' } };
  }
}
