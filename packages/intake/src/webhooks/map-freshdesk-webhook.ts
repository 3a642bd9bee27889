import { parseInput, type TicketStatus } from '@guardloop/core';
import { z } from 'zod';
import { UnsupportedWebhookEventError } from '../errors/unsupported-webhook-event-error';
import { buildWebhookResult, firstKnown } from './build-webhook-result';
import type { HelpDeskWebhookResult } from './help-desk-webhook-result';
import { parseWebhookPayload } from './parse-webhook-payload';
import { type HelpDeskWebhookOptions, webhookOptionsSchema } from './webhook-options';

const text = z.string().max(1_000_000);
const name = z.string().max(200);
// Placeholders render as strings or numbers depending on the rule's content type.
const code = z.union([name, z.number().int()]).transform(String);

/**
 * The fields of a Freshdesk automation-rule webhook (JSON content, placeholders under
 * `freshdesk_webhook`) the mapper uses; every other placeholder is ignored.
 */
export const freshdeskWebhookSchema = z.object({
  freshdesk_webhook: z.object({
    ticket_id: z
      .union([
        z.number().int().nonnegative(),
        z.string().regex(/^\d{1,20}$/, 'Expected a ticket number'),
      ])
      .transform(String),
    ticket_subject: text.nullish(),
    ticket_description: text.nullish(),
    ticket_status: code,
    ticket_priority: code.nullish(),
    ticket_source: code.nullish(),
    ticket_ticket_type: name.nullish(),
    /** Comma-separated, as the `{{ticket.tags}}` placeholder renders them. */
    ticket_tags: text.nullish(),
    ticket_requester_email: name.nullish(),
    ticket_requester_name: name.nullish(),
    ticket_url: z.string().max(2048).nullish(),
    /** `{{triggered_event}}`: absent or `{ticket_action:created}` for a creation rule. */
    triggered_event: z.string().max(2000).nullish(),
  }),
});

export type FreshdeskWebhook = z.output<typeof freshdeskWebhookSchema>;

/** Freshdesk's default statuses (names and numeric codes) in guardloop's lifecycle. */
const freshdeskStatuses: Readonly<Record<string, TicketStatus>> = {
  open: 'in_progress',
  '2': 'in_progress',
  pending: 'pending_customer',
  '3': 'pending_customer',
  resolved: 'resolved',
  '4': 'resolved',
  closed: 'closed',
  '5': 'closed',
  'waiting on customer': 'pending_customer',
  'waiting on third party': 'in_progress',
};

const freshdeskPriorities: Readonly<Record<string, string>> = {
  urgent: 'p1',
  '4': 'p1',
  high: 'p2',
  '3': 'p2',
  medium: 'p3',
  '2': 'p3',
  low: 'p4',
  '1': 'p4',
};

const freshdeskSources: Readonly<Record<string, string>> = {
  '1': 'email',
  '2': 'portal',
  '3': 'phone',
  '7': 'chat',
  '9': 'feedback_widget',
  '10': 'outbound_email',
};

// `{status:{from:Open,to:Resolved}}`, with or without quotes and spaces.
const statusChange = /status\W+from\W+([^,}"]+?)\W*,\W*to\W+([^,}"]+?)\W*}/i;

function readTrigger(trigger: string | null | undefined) {
  const value = trigger?.trim();
  if (!value || /ticket_action\W+created/i.test(value)) return { type: 'ticket_created' as const };
  const match = statusChange.exec(value);
  if (match?.[1] && match[2]) {
    return { type: 'ticket_status_changed' as const, from: match[1].trim(), to: match[2].trim() };
  }
  return undefined;
}

/**
 * Maps a Freshdesk automation-rule webhook to a ticket signal with the standard fields
 * normalized through the taxonomy. Point a "ticket created" rule at it (optionally with
 * `{{triggered_event}}`), and a "ticket updated: status changed" rule with `{{triggered_event}}`.
 * @throws InvalidWebhookPayloadError (`invalid_webhook_payload`) naming each malformed path
 * @throws UnsupportedWebhookEventError (`unsupported_webhook_event`) for another triggered event
 * @throws InvalidInputError (`invalid_input`) when the options are malformed
 */
export function mapFreshdeskWebhook(
  payload: unknown,
  options: HelpDeskWebhookOptions<FreshdeskWebhook>,
): HelpDeskWebhookResult {
  const parsedOptions = parseInput(webhookOptionsSchema, options, 'mapFreshdeskWebhook options');
  const webhook = parseWebhookPayload('freshdesk', freshdeskWebhookSchema, payload);
  const ticket = webhook.freshdesk_webhook;
  const trigger = readTrigger(ticket.triggered_event);
  if (!trigger) {
    const eventType = (ticket.triggered_event ?? '').slice(0, 200);
    throw new UnsupportedWebhookEventError({ vendor: 'freshdesk', eventType });
  }
  const tags = (ticket.ticket_tags ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
  const priority = ticket.ticket_priority?.trim().toLowerCase();
  const source = ticket.ticket_source?.trim();
  const type = ticket.ticket_ticket_type ?? undefined;
  const fields = {
    channel: source && Object.hasOwn(freshdeskSources, source) ? freshdeskSources[source] : source,
    priority:
      priority && Object.hasOwn(freshdeskPriorities, priority)
        ? freshdeskPriorities[priority]
        : undefined,
    category: firstKnown(parsedOptions.taxonomy, 'category', [type, ...tags]),
    productArea: firstKnown(parsedOptions.taxonomy, 'productArea', tags),
  };
  return buildWebhookResult(
    {
      vendor: 'freshdesk',
      type: trigger.type,
      ticketId: ticket.ticket_id,
      payload: {
        ticketId: ticket.ticket_id,
        status: ticket.ticket_status,
        ...(trigger.type === 'ticket_status_changed' ? { previousStatus: trigger.from } : {}),
        ...(ticket.ticket_subject ? { subject: ticket.ticket_subject } : {}),
        ...(ticket.ticket_description ? { description: ticket.ticket_description } : {}),
        ...(type ? { ticketType: type } : {}),
        ...(ticket.ticket_requester_email ? { email: ticket.ticket_requester_email } : {}),
        ...(ticket.ticket_requester_name ? { name: ticket.ticket_requester_name } : {}),
        ...(ticket.ticket_url ? { url: ticket.ticket_url } : {}),
        tags,
      },
      fields,
      ...(trigger.type === 'ticket_status_changed' ? { vendorFrom: trigger.from } : {}),
      vendorTo: trigger.type === 'ticket_status_changed' ? trigger.to : ticket.ticket_status,
      statuses: freshdeskStatuses,
    },
    parsedOptions,
    webhook,
  );
}
