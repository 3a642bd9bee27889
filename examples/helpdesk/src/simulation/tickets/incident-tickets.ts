import type { Customer } from './customer-directory';
import { drawTemplateValues, fillTemplate } from './fill-template';
import type { TicketEvent, TicketTruth } from './ticket-event';

type NewTicket = Omit<TicketEvent, 'id'>;
const hourMs = 3_600_000;

const truth = (intent: TicketTruth['intent'], extra: Partial<TicketTruth>): TicketTruth => ({
  intent,
  tricky: false,
  abusive: false,
  fraud: false,
  pii: [],
  ...extra,
});

/**
 * The dashboard outage: many customers report it through the status widget within three hours.
 * Their reports carry the same service and error, hence one fingerprint.
 */
export function outageReports({
  at,
  reports,
  customers,
  random,
}: {
  at: number;
  reports: number;
  customers: readonly Customer[];
  random: () => number;
}): NewTicket[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const comments = ['', ' Nothing loads for our whole team.', ' Urgent, we have a demo.', ''];
  return Array.from({ length: reports }, (_, index) => {
    const customer = pick(customers);
    return {
      at: Math.round(at + (index / reports) * 3 * hourMs + random() * 300_000),
      channel: 'status-widget',
      customerId: customer.id,
      tenant: customer.tenant,
      subject: 'Dashboard unavailable (503)',
      body: `Reported from the status widget: the dashboard returns 503 Service Unavailable.${pick(comments)}`,
      widget: { service: 'dashboard', error: '503' },
      truth: truth('outage_report', { incident: 'INC-dashboard-503' }),
    };
  });
}

/** A refund-fraud ring: young accounts claim a double charge, each small enough to pass. */
export function fraudWave({
  at,
  customers,
  random,
}: {
  at: number;
  customers: readonly Customer[];
  random: () => number;
}): NewTicket[] {
  return customers.map((customer, index) => {
    const invoice = customer.invoices.reduce((low, next) =>
      next.amount < low.amount ? next : low,
    );
    const values = drawTemplateValues(customer, random, invoice);
    return {
      at: Math.round(at + index * 25 * 60_000 + random() * 600_000),
      channel: 'web-form',
      customerId: customer.id,
      tenant: customer.tenant,
      subject: 'Refund request',
      body: fillTemplate(
        'I was charged twice this month, please refund one of the payments. Invoice {invoice}, {amount} EUR.',
        values,
      ),
      truth: truth('billing_refund', { fraud: true }),
    };
  });
}
