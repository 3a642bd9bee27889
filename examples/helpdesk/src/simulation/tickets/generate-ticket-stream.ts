import { createSeededRandom } from '@guardloop/feedback';
import type { Customer } from './customer-directory';
import { drawTemplateValues, fillTemplate } from './fill-template';
import { fraudWave, outageReports } from './incident-tickets';
import type { TicketEvent, TicketTruth } from './ticket-event';
import {
  abusiveOpeners,
  type TicketScenario,
  ticketTemplates,
  trickyTickets,
} from './ticket-templates';

export interface TicketStreamOptions {
  seed: number;
  /** Midnight UTC of the first simulated day (epoch ms). */
  start: number;
  days: number;
  ticketsPerDay: number;
  customers: readonly Customer[];
  /** 1-based day of the dashboard outage; its reports share one fingerprint. */
  outageDay?: number;
  outageReports?: number;
  /** 1-based day of the refund-fraud wave. */
  fraudDay?: number;
  /** Overrides the share of each scenario in normal traffic. */
  weights?: Partial<Record<TicketScenario, number>>;
  /** Share of confusable tickets. Default 0.1. */
  trickyShare?: number;
}

const hourMs = 3_600_000;
const defaultWeights: Record<TicketScenario, number> = {
  password_reset: 14,
  sso_login_failure: 9,
  mfa_reset: 8,
  billing_refund: 11,
  invoice_request: 9,
  access_request: 10,
  outage_report: 2,
  bug_report: 16,
  cancel_subscription: 3,
  account_deletion: 2,
  plan_upgrade: 3,
  out_of_scope: 6,
};

/** A stream of realistic help-desk tickets over simulated days; the same seed, the same stream. */
export function generateTicketStream(options: TicketStreamOptions): TicketEvent[] {
  const random = createSeededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const regular = options.customers.filter((customer) => customer.accountAgeDays >= 60);
  const fraudsters = options.customers.filter((customer) => customer.accountAgeDays < 60);
  const weights = { ...defaultWeights, ...options.weights };
  const scenarios = Object.keys(weights) as TicketScenario[];
  const total = scenarios.reduce((sum, scenario) => sum + weights[scenario], 0);
  const drawScenario = () => {
    let roll = random() * total;
    for (const scenario of scenarios) {
      roll -= weights[scenario];
      if (roll < 0) return scenario;
    }
    return 'password_reset';
  };
  const truth = (intent: TicketTruth['intent'], extra: Partial<TicketTruth> = {}): TicketTruth => ({
    intent,
    tricky: false,
    abusive: false,
    fraud: false,
    pii: [],
    ...extra,
  });
  const events: Omit<TicketEvent, 'id'>[] = [];

  for (let day = 0; day < options.days; day++) {
    const dayStart = options.start + day * 24 * hourMs;
    const count = options.ticketsPerDay + Math.round((random() - 0.5) * 8);
    for (let index = 0; index < count; index++) {
      const at = Math.round(dayStart + 7 * hourMs + random() * 13 * hourMs);
      const customer = pick(regular);
      const values = drawTemplateValues(customer, random);
      const tricky = random() < (options.trickyShare ?? 0.1) ? pick(trickyTickets) : undefined;
      const scenario = tricky ? undefined : drawScenario();
      const template = scenario ? ticketTemplates[scenario] : undefined;
      let subject = fillTemplate(tricky?.subject ?? pick(template?.subjects ?? ['Help']), values);
      let body = fillTemplate(tricky?.body ?? pick(template?.bodies ?? ['Help']), values);
      const facts = truth(tricky?.intent ?? scenario ?? 'out_of_scope', { tricky: !!tricky });
      const angry = ['billing_refund', 'outage_report', 'bug_report', 'sso_login_failure'];
      if (angry.includes(facts.intent) && random() < 0.07) {
        body = `${pick(abusiveOpeners)} ${body}`;
        facts.abusive = true;
      }
      if (facts.intent === 'billing_refund' && random() < 0.25) {
        body += ` I paid with my card ${values.card}.`;
        facts.pii.push('card');
        if (random() < 0.3) subject = `Refund for card ${values.card}`;
      }
      if (random() < 0.12) {
        body += ` You can reach me at ${values.email}.`;
        facts.pii.push('email');
      } else if (random() < 0.06) {
        body += ` Call me on ${values.phone} if needed.`;
        facts.pii.push('phone');
      }
      const channel: TicketEvent['channel'] = random() < 0.6 ? 'email' : 'web-form';
      const event = {
        at,
        channel,
        customerId: customer.id,
        tenant: customer.tenant,
        subject,
        body,
      };
      events.push({ ...event, truth: facts });
      // Impatient customers send the same ticket twice.
      if (random() < 0.03) {
        const again = at + Math.round((2 + random() * 8) * 60_000);
        events.push({ ...event, at: again, truth: { ...facts, repeatOf: 'double-submit' } });
      }
    }
  }
  if (options.outageDay !== undefined) {
    const at = options.start + (options.outageDay - 1) * 24 * hourMs + 10.3 * hourMs;
    events.push(
      ...outageReports({ at, reports: options.outageReports ?? 24, customers: regular, random }),
    );
  }
  if (options.fraudDay !== undefined) {
    const at = options.start + (options.fraudDay - 1) * 24 * hourMs + 11 * hourMs;
    events.push(...fraudWave({ at, customers: fraudsters, random }));
  }
  return events
    .sort((a, b) => a.at - b.at)
    .map((event, index) => ({ ...event, id: `T-${String(1001 + index)}` }));
}
