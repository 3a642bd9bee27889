import type { Evidence } from '@guardloop/core';
import type { Customer, Invoice } from './customer';

/** What the ticket's words and the back office say, each fact with the path it came from. */
export interface TicketFacts {
  ticketId: string;
  subject: string;
  text: string;
  customer: Customer;
  invoice?: Invoice | undefined;
  amount?: number | undefined;
  workspace?: string | undefined;
  role?: 'viewer' | 'editor' | 'admin' | undefined;
  evidence: Evidence[];
}

/** Reads the facts a hypothesis can rest on out of the ticket's words and the customer record. */
export function readTicketFacts(
  { ticketId, subject, body }: { ticketId: string; subject: string; body: string },
  customer: Customer,
): TicketFacts {
  const text = `${subject}\n${body}`;
  const evidence: Evidence[] = [
    { source: 'signal.payload', path: 'subject', value: subject },
    { source: 'helpdesk.customers', path: `${customer.id}.plan`, value: customer.plan },
  ];
  const found = (path: string, pattern: RegExp) => {
    const match = (path === 'subject' ? subject : body).match(pattern);
    if (match) evidence.push({ source: 'signal.payload', path, value: match[0] });
    return match;
  };
  const invoiceId = (found('body', /INV-\d+/) ?? found('subject', /INV-\d+/))?.[0];
  const invoice = invoiceId
    ? customer.invoices.find((candidate) => candidate.id === invoiceId)
    : undefined;
  if (invoice) {
    const path = `${customer.accountId}.invoices.${invoice.id}.amount`;
    evidence.push({ source: 'helpdesk.billing', path, value: invoice.amount });
  }
  const amountMatch = found('body', /(\d+(?:\.\d{1,2})?)\s*EUR/);
  const workspace = customer.workspaces.find((name) => new RegExp(`\\b${name}\\b`, 'i').test(text));
  if (workspace) evidence.push({ source: 'signal.payload', path: 'body', value: workspace });
  const role = found('body', /\b(viewer|editor|admin)\b/i)?.[1]?.toLowerCase() as
    | TicketFacts['role']
    | undefined;
  return {
    ticketId,
    subject,
    text,
    customer,
    invoice,
    amount: amountMatch ? Number(amountMatch[1]) : undefined,
    workspace,
    role,
    evidence,
  };
}
