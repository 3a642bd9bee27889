import { type Clock, createSequentialIdGenerator, type TicketFields } from '@guardloop/core';
import type { OutcomeRecorder } from '@guardloop/feedback';
import {
  createCsatHandler,
  createEmailIntake,
  createMemoryEmailThreadStore,
  type EmailRejectionReason,
  handleSupportForm,
  mapFreshdeskWebhook,
  mapZendeskTicketEvent,
  type PriorityScore,
} from '@guardloop/intake';
import type { HelpdeskStore } from '../app/helpdesk-store';
import type { Ticket } from '../app/ticket';
import { helpdeskPriority } from './helpdesk-priority';
import { helpdeskTaxonomy } from './helpdesk-taxonomy';
import { type IntakePath, intakePathOf } from './intake-paths';
import {
  freshdeskCreatedWebhook,
  replyEmail,
  type Sender,
  supportFormSubmission,
  ticketEmail,
  zendeskCreatedEvent,
} from './ticket-messages';

export interface HelpdeskIntakeOptions {
  clock: Clock;
  store: HelpdeskStore;
  /** Where CSAT answers land (the recorder the KPIs read). */
  recorder: OutcomeRecorder;
}

/** One ticket through the front door: what it said, and its standard fields. */
export interface AdmittedTicket {
  ticket: Ticket;
  path: IntakePath;
  fields: TicketFields;
  priority: PriorityScore;
}

export interface IntakeRejection {
  ticketId: string;
  path: IntakePath;
  reason: EmailRejectionReason | 'duplicate' | 'invalid_form' | 'webhook_error';
  message: string;
}

/**
 * The help desk's front door on @guardloop/intake. The simulation renders each ticket the way
 * it would really arrive (a raw RFC 5322 message, a Zendesk or Freshdesk webhook, the web form);
 * the intake reads it back, normalizes the standard fields through one taxonomy and scores the
 * priority. Replies by mail thread onto their ticket (and reopen a resolved one); survey answers
 * go through the CSAT handler.
 */
export function createHelpdeskIntake({ clock, store, recorder }: HelpdeskIntakeOptions) {
  // The mail intake names tickets itself; the help desk maps its ids to the desk's tickets.
  const deskIdOf = new Map<string, string>();
  const admitted = new Map<string, AdmittedTicket>();
  const rejections: IntakeRejection[] = [];
  const counters = { emailReplies: 0, reopenedByEmail: 0 };
  const email = createEmailIntake({
    threads: createMemoryEmailThreadStore(),
    tickets: {
      get: async (id) => store.ticket(deskIdOf.get(id) ?? id),
      save: async (ticket) => {
        store.saveTicket(ticket);
      },
    },
    clock,
    idGenerator: createSequentialIdGenerator('mail'),
  });
  const webhookOptions = { taxonomy: helpdeskTaxonomy, clock };
  const senderOf = (customerId: string): Sender => {
    const customer = store.customer(customerId);
    return customer
      ? { name: customer.name, email: customer.email }
      : { name: 'Unknown customer', email: `${customerId}@unknown.example` };
  };

  /** Reads the ticket back through its intake path: subject, text and raw fields. */
  async function read(event: Ticket, path: IntakePath, from: Sender) {
    if (path === 'email') {
      const result = await email.receive(ticketEmail(event, from));
      if (result.kind !== 'ticket') {
        const reason = result.kind === 'rejected' ? result.reason : 'duplicate';
        const message = result.kind === 'rejected' ? result.message : 'A repeated Message-ID.';
        return { rejected: { reason, message } as const };
      }
      deskIdOf.set(result.ticketId, event.id);
      const { payload, fields } = result.signal;
      return { subject: result.email.subject, body: String(payload.body), fields: fields ?? {} };
    }
    if (path === 'web_form') {
      const channel = event.channel === 'status-widget' ? 'status_widget' : 'web';
      const result = handleSupportForm(supportFormSubmission(event, from), {
        ...webhookOptions,
        channel,
        source: event.channel,
      });
      if (!result.ok) {
        const message = JSON.stringify(result.fieldErrors);
        return { rejected: { reason: 'invalid_form', message } as const };
      }
      const fields = result.signal.fields ?? {};
      return { subject: result.form.subject, body: result.form.description, fields };
    }
    try {
      const mapped =
        path === 'zendesk'
          ? mapZendeskTicketEvent(zendeskCreatedEvent(event, from), webhookOptions)
          : mapFreshdeskWebhook(freshdeskCreatedWebhook(event, from), webhookOptions);
      const { payload, fields } = mapped.signal;
      return {
        subject: String(payload.subject),
        body: String(payload.description),
        fields: fields ?? {},
      };
    } catch (error) {
      return { rejected: { reason: 'webhook_error', message: String(error) } as const };
    }
  }

  return {
    taxonomy: helpdeskTaxonomy,
    admitted,
    rejections,
    counters,
    csat: createCsatHandler({
      feedback: recorder,
      traces: { resolveTraceId: (ticketId) => store.ticket(ticketId)?.traceId },
    }),

    /** The ticket as the intake read it, with fields; undefined when rejected (see `rejections`). */
    async admit(event: Ticket): Promise<AdmittedTicket | undefined> {
      const path = intakePathOf(event);
      const customer = store.customer(event.customerId);
      const read_ = await read(event, path, senderOf(event.customerId));
      if ('rejected' in read_ && read_.rejected) {
        rejections.push({ ticketId: event.id, path, ...read_.rejected });
        return undefined;
      }
      const { subject, body } = read_;
      // The host's own knowledge joins the vendor's fields: the customer's plan is the segment.
      const fields = helpdeskTaxonomy.normalize({
        ...read_.fields,
        ...(customer ? { segment: customer.plan } : {}),
      });
      const priority = helpdeskPriority.score({
        ...(event.widget ? { impact: 'high' } : {}),
        ...(fields.segment ? { tier: fields.segment } : {}),
        ...(fields.channel ? { channel: fields.channel } : {}),
        text: `${subject}\n${body}`,
      });
      // Only what a ticketing system holds: the simulation's truth stays behind.
      const { id, at, channel, customerId, tenant, widget } = event;
      const ticket: Ticket = {
        ...{ id, at, channel, customerId, tenant, subject, body },
        ...(widget ? { widget } : {}),
      };
      const entry = { ticket, path, fields: { ...fields, priority: priority.priority }, priority };
      admitted.set(event.id, entry);
      return entry;
    },

    /**
     * The customer answers a resolved ticket by mail: the email intake threads the reply onto
     * the ticket and moves it along the lifecycle's reopen edge. Only tickets that came in by
     * mail are answered this way; `handled: false` leaves the others to the caller.
     */
    async replyByEmail(ticketId: string, text: string) {
      const entry = admitted.get(ticketId);
      if (entry?.path !== 'email') return { handled: false as const };
      counters.emailReplies += 1;
      const raw = replyEmail(ticketId, senderOf(entry.ticket.customerId), {
        text,
        at: clock.now(),
        sequence: counters.emailReplies,
      });
      const result = await email.receive(raw);
      if (result.kind === 'reopened') counters.reopenedByEmail += 1;
      if (result.kind === 'rejected') {
        rejections.push({
          ticketId,
          path: 'email',
          reason: result.reason,
          message: result.message,
        });
      }
      // The words the customer wrote, without quoted history: the reopen reason.
      const reason = 'signal' in result ? String(result.signal.payload.body) : text;
      return { handled: true as const, reopened: result.kind === 'reopened', reason };
    },
  };
}

export type HelpdeskIntake = ReturnType<typeof createHelpdeskIntake>;
