import { parseInput, type TicketStatus } from '@guardloop/core';
import { z } from 'zod';
import { UnsupportedWebhookEventError } from '../errors/unsupported-webhook-event-error';
import { buildWebhookResult, firstKnown } from './build-webhook-result';
import type { HelpDeskWebhookResult } from './help-desk-webhook-result';
import { parseWebhookPayload } from './parse-webhook-payload';
import { type HelpDeskWebhookOptions, webhookOptionsSchema } from './webhook-options';

/** Payload versions (`zendesk_event_version`) whose ticket events this mapper knows. */
export const zendeskEventVersions = ['2022-11-06'] as const;

const created = 'zen:event-type:ticket.created';
const statusChanged = 'zen:event-type:ticket.status_changed';

// Zendesk sends ids as strings in ticket events; numbers are accepted too.
const id = z.union([z.string().min(1).max(64), z.number().int().nonnegative()]).transform(String);
const text = z.string().max(1_000_000);

/** The fields of a Zendesk ticket event the mapper uses; every other field is ignored. */
export const zendeskTicketEventSchema = z.object({
  type: z.string().min(1).max(200),
  id: z.string().min(1).max(200),
  time: z.iso.datetime({ offset: true }),
  zendesk_event_version: z.string().min(1).max(50),
  subject: z.string().max(200).optional(),
  detail: z.object({
    id,
    subject: text.nullish(),
    description: text.nullish(),
    status: z.string().min(1).max(100),
    priority: z.string().max(100).nullish(),
    type: z.string().max(100).nullish(),
    tags: z.array(z.string().max(200)).max(1000).nullish(),
    via: z.object({ channel: z.string().max(100).nullish() }).nullish(),
    requester_id: id.nullish(),
    organization_id: id.nullish(),
    brand_id: id.nullish(),
  }),
  event: z.record(z.string(), z.unknown()).optional(),
});

export type ZendeskTicketEvent = z.output<typeof zendeskTicketEventSchema>;

const statusChangeSchema = z.object({
  event: z.object({ previous: z.string().min(1).max(100), current: z.string().min(1).max(100) }),
});

/** Zendesk's ticket statuses in guardloop's lifecycle (`hold` waits on a third party, not the customer). */
const zendeskStatuses: Readonly<Record<string, TicketStatus>> = {
  new: 'new',
  open: 'in_progress',
  pending: 'pending_customer',
  hold: 'in_progress',
  solved: 'resolved',
  closed: 'closed',
};

const zendeskPriorities: Readonly<Record<string, string>> = {
  urgent: 'p1',
  high: 'p2',
  normal: 'p3',
  low: 'p4',
};

/**
 * Maps a Zendesk webhook ticket event (`zen:event-type:ticket.created` or
 * `zen:event-type:ticket.status_changed`, payload version 2022-11-06) to a ticket signal with the
 * standard fields normalized through the taxonomy, and the lifecycle events it implies.
 * @throws InvalidWebhookPayloadError (`invalid_webhook_payload`) naming each malformed path
 * @throws UnsupportedWebhookEventError (`unsupported_webhook_event`) for another event type or version
 * @throws InvalidInputError (`invalid_input`) when the options are malformed
 */
export function mapZendeskTicketEvent(
  payload: unknown,
  options: HelpDeskWebhookOptions<ZendeskTicketEvent>,
): HelpDeskWebhookResult {
  const parsedOptions = parseInput(webhookOptionsSchema, options, 'mapZendeskTicketEvent options');
  const event = parseWebhookPayload('zendesk', zendeskTicketEventSchema, payload);
  const version = event.zendesk_event_version;
  const supportedVersion = (zendeskEventVersions as readonly string[]).includes(version);
  if (!supportedVersion || (event.type !== created && event.type !== statusChanged)) {
    throw new UnsupportedWebhookEventError({ vendor: 'zendesk', eventType: event.type, version });
  }
  const change =
    event.type === statusChanged
      ? parseWebhookPayload('zendesk', statusChangeSchema, payload)
      : undefined;
  const { detail } = event;
  const tags = detail.tags ?? [];
  const priority = detail.priority?.trim().toLowerCase();
  const fields = {
    channel: detail.via?.channel ?? undefined,
    priority:
      priority && Object.hasOwn(zendeskPriorities, priority)
        ? zendeskPriorities[priority]
        : undefined,
    category: firstKnown(parsedOptions.taxonomy, 'category', tags),
    productArea: firstKnown(parsedOptions.taxonomy, 'productArea', tags),
  };
  return buildWebhookResult(
    {
      vendor: 'zendesk',
      type: change ? 'ticket_status_changed' : 'ticket_created',
      ticketId: detail.id,
      occurredAt: Date.parse(event.time),
      payload: {
        eventId: event.id,
        eventType: event.type,
        ticketId: detail.id,
        status: detail.status,
        ...(change ? { previousStatus: change.event.previous } : {}),
        ...(detail.subject ? { subject: detail.subject } : {}),
        ...(detail.description ? { description: detail.description } : {}),
        ...(detail.type ? { ticketType: detail.type } : {}),
        ...(detail.requester_id ? { requesterId: detail.requester_id } : {}),
        ...(detail.organization_id ? { organizationId: detail.organization_id } : {}),
        tags,
      },
      fields,
      ...(change ? { vendorFrom: change.event.previous } : {}),
      vendorTo: change ? change.event.current : detail.status,
      statuses: zendeskStatuses,
    },
    parsedOptions,
    event,
  );
}
