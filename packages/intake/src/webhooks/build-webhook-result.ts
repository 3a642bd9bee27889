import { createSignal, type TicketFieldsInput, type TicketStatus } from '@guardloop/core';
import type { z } from 'zod';
import type { Taxonomy } from '../taxonomy/define-taxonomy';
import type { HelpDeskVendor, HelpDeskWebhookResult } from './help-desk-webhook-result';
import { lifecyclePath } from './lifecycle-path';
import type { webhookOptionsSchema } from './webhook-options';

interface WebhookFacts {
  vendor: HelpDeskVendor;
  type: HelpDeskWebhookResult['type'];
  ticketId: string;
  occurredAt?: number;
  payload: Record<string, unknown>;
  fields: TicketFieldsInput;
  vendorFrom?: string;
  vendorTo?: string;
  statuses: Readonly<Record<string, TicketStatus>>;
}

/** The first tag (or type) the taxonomy knows for a field, so free-form tags are not counted. */
export function firstKnown(
  taxonomy: Taxonomy,
  field: 'category' | 'productArea',
  candidates: readonly (string | undefined)[],
): string | undefined {
  for (const candidate of candidates) {
    if (candidate !== undefined && taxonomy.lookup(field, candidate) !== undefined) {
      return candidate;
    }
  }
  return undefined;
}

const statusOf = (statuses: Readonly<Record<string, TicketStatus>>, name?: string) => {
  const key = name?.trim().toLowerCase();
  return key !== undefined && Object.hasOwn(statuses, key) ? statuses[key] : undefined;
};

export function buildWebhookResult(
  facts: WebhookFacts,
  options: z.output<typeof webhookOptionsSchema>,
  mapped: unknown,
): HelpDeskWebhookResult {
  const { taxonomy, mapFields, tenant, clock, idGenerator } = options;
  const fields = taxonomy.normalize(mapFields ? mapFields(mapped, facts.fields) : facts.fields);
  const signal = createSignal(
    {
      source: facts.vendor,
      kind: 'ticket',
      payload: facts.payload,
      fields,
      correlationId: `${facts.vendor}:ticket:${facts.ticketId}`,
      ...(facts.occurredAt === undefined ? {} : { occurredAt: facts.occurredAt }),
      ...(tenant === undefined ? {} : { tenant }),
    },
    {
      ...(clock === undefined ? {} : { clock }),
      ...(idGenerator === undefined ? {} : { idGenerator }),
    },
  );
  const from = statusOf(facts.statuses, facts.vendorFrom);
  const to = statusOf(facts.statuses, facts.vendorTo);
  const start = facts.type === 'ticket_created' ? 'new' : from;
  return {
    vendor: facts.vendor,
    type: facts.type,
    ticketId: facts.ticketId,
    signal,
    status: {
      ...(facts.vendorFrom === undefined ? {} : { vendorFrom: facts.vendorFrom }),
      ...(facts.vendorTo === undefined ? {} : { vendorTo: facts.vendorTo }),
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
    },
    lifecycleEvents: start !== undefined && to !== undefined ? lifecyclePath(start, to) : [],
  };
}
