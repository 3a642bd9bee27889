import { createManualClock, createSequentialIdGenerator, InvalidInputError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { InvalidWebhookPayloadError } from '../errors/invalid-webhook-payload-error';
import { UnsupportedWebhookEventError } from '../errors/unsupported-webhook-event-error';
import { defineTaxonomy } from '../taxonomy/define-taxonomy';
import { lifecyclePath } from './lifecycle-path';
import { mapFreshdeskWebhook } from './map-freshdesk-webhook';
import { mapZendeskTicketEvent } from './map-zendesk-ticket-event';
import {
  freshdeskStatusChanged,
  freshdeskTicketCreated,
  zendeskStatusChanged,
  zendeskTicketCreated,
} from './test-support/webhook-payloads';

const taxonomy = defineTaxonomy({
  categories: ['billing', { id: 'billing.refund', parent: 'billing', aliases: ['refund'] }],
  productAreas: ['web', 'mobile'],
  channels: ['email', 'web', { id: 'api', aliases: ['web_service'] }],
});
const options = () => ({
  taxonomy,
  clock: createManualClock(5_000),
  idGenerator: createSequentialIdGenerator('w'),
});

function pathsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(InvalidWebhookPayloadError.isInstance(error)).toBe(true);
    expect((error as InvalidWebhookPayloadError).code).toBe('invalid_webhook_payload');
    return (error as InvalidWebhookPayloadError).issues.map((issue) => issue.path);
  }
  throw new Error('expected an InvalidWebhookPayloadError');
}

function unsupported(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(UnsupportedWebhookEventError.isInstance(error)).toBe(true);
    expect((error as UnsupportedWebhookEventError).code).toBe('unsupported_webhook_event');
    return error as UnsupportedWebhookEventError;
  }
  throw new Error('expected an UnsupportedWebhookEventError');
}

describe('mapZendeskTicketEvent', () => {
  it('maps ticket.created to a ticket signal with normalized standard fields', () => {
    const result = mapZendeskTicketEvent(zendeskTicketCreated(), options());
    expect(result).toMatchObject({
      vendor: 'zendesk',
      type: 'ticket_created',
      ticketId: '5158',
      status: { vendorTo: 'NEW', to: 'new' },
      lifecycleEvents: [],
    });
    expect(result.signal).toMatchObject({
      source: 'zendesk',
      kind: 'ticket',
      correlationId: 'zendesk:ticket:5158',
      occurredAt: Date.parse('2026-11-30T10:12:07.672Z'),
      receivedAt: 5_000,
      fields: { category: 'billing', productArea: 'mobile', channel: 'api', priority: 'p2' },
      payload: { ticketId: '5158', subject: 'Charged twice', tags: ['vip', 'billing', 'mobile'] },
    });
  });

  it('maps ticket.status_changed to the lifecycle events between the statuses', () => {
    const solved = mapZendeskTicketEvent(zendeskStatusChanged('OPEN', 'SOLVED'), options());
    expect(solved).toMatchObject({
      type: 'ticket_status_changed',
      status: { vendorFrom: 'OPEN', vendorTo: 'SOLVED', from: 'in_progress', to: 'resolved' },
      lifecycleEvents: ['resolve'],
    });
    const reopened = mapZendeskTicketEvent(zendeskStatusChanged('solved', 'open'), options());
    expect(reopened.lifecycleEvents).toEqual(['reopen']);
    const pending = mapZendeskTicketEvent(zendeskStatusChanged('NEW', 'PENDING'), options());
    expect(pending.lifecycleEvents).toEqual(['triage', 'start', 'await_customer']);
  });

  it('ignores unknown fields and lets the host map fields itself', () => {
    const payload = { ...zendeskTicketCreated(), extra: { nested: true } };
    const result = mapZendeskTicketEvent(payload, {
      ...options(),
      mapFields: (event, defaults) => ({
        ...defaults,
        segment: event.detail.organization_id ?? '',
      }),
    });
    expect(result.signal.fields).toMatchObject({
      segment: 'other',
      raw: { segment: '8447346622206' },
    });
  });

  it('rejects malformed payloads naming each path', () => {
    const payload = zendeskTicketCreated();
    expect(
      pathsOf(() =>
        mapZendeskTicketEvent(
          { ...payload, time: 'yesterday', detail: { ...payload.detail, id: null, status: '' } },
          options(),
        ),
      ),
    ).toEqual(['time', 'detail.id', 'detail.status']);
    expect(
      pathsOf(() => mapZendeskTicketEvent(zendeskStatusChanged('', 'SOLVED'), options())),
    ).toEqual(['event.previous']);
    for (const bad of [null, 'x', [], { type: 'zen:event-type:ticket.created' }]) {
      expect(() => mapZendeskTicketEvent(bad, options())).toThrow(InvalidWebhookPayloadError);
    }
    const hostile = {
      ...payload,
      get detail() {
        throw new Error('boom');
      },
    };
    expect(pathsOf(() => mapZendeskTicketEvent(hostile, options()))).toEqual(['']);
  });

  it('rejects other event types and payload versions as unsupported', () => {
    const tags = { ...zendeskTicketCreated(), type: 'zen:event-type:ticket.tags_changed' };
    expect(unsupported(() => mapZendeskTicketEvent(tags, options()))).toMatchObject({
      vendor: 'zendesk',
      eventType: 'zen:event-type:ticket.tags_changed',
      version: '2022-11-06',
    });
    const future = { ...zendeskTicketCreated(), zendesk_event_version: '2031-01-01' };
    expect(unsupported(() => mapZendeskTicketEvent(future, options())).version).toBe('2031-01-01');
  });

  it('rejects malformed options with invalid_input', () => {
    expect(() => mapZendeskTicketEvent(zendeskTicketCreated(), {} as never)).toThrow(
      InvalidInputError,
    );
  });
});

describe('mapFreshdeskWebhook', () => {
  it('maps a ticket-created automation webhook to a ticket signal', () => {
    const result = mapFreshdeskWebhook(freshdeskTicketCreated(), options());
    expect(result).toMatchObject({
      vendor: 'freshdesk',
      type: 'ticket_created',
      ticketId: '45',
      status: { vendorTo: 'Open', to: 'in_progress' },
      lifecycleEvents: ['triage', 'start'],
    });
    expect(result.signal).toMatchObject({
      source: 'freshdesk',
      correlationId: 'freshdesk:ticket:45',
      occurredAt: 5_000,
      fields: {
        category: 'billing.refund',
        productArea: 'mobile',
        channel: 'email',
        priority: 'p2',
      },
      payload: { email: 'ada@example.com', tags: ['mobile', 'vip'], ticketType: 'Refund' },
    });
    expect(result.signal.payload).not.toHaveProperty('ticket_company_name');
  });

  it('treats a payload without triggered_event as a created ticket, and numeric codes', () => {
    const { triggered_event: _dropped, ...ticket } = freshdeskTicketCreated().freshdesk_webhook;
    const result = mapFreshdeskWebhook(
      { freshdesk_webhook: { ...ticket, ticket_status: 3, ticket_priority: 4, ticket_source: 7 } },
      options(),
    );
    expect(result).toMatchObject({ type: 'ticket_created', status: { to: 'pending_customer' } });
    expect(result.signal.fields).toMatchObject({
      priority: 'p1',
      channel: 'other',
      raw: { channel: 'chat' },
    });
  });

  it('maps a status change to lifecycle events, and a custom status to none', () => {
    expect(
      mapFreshdeskWebhook(freshdeskStatusChanged('Pending', 'Resolved'), options()),
    ).toMatchObject({
      type: 'ticket_status_changed',
      status: { from: 'pending_customer', to: 'resolved' },
      lifecycleEvents: ['resolve'],
    });
    const custom = mapFreshdeskWebhook(freshdeskStatusChanged('Open', 'Awaiting Parts'), options());
    expect(custom.status).toEqual({
      vendorFrom: 'Open',
      vendorTo: 'Awaiting Parts',
      from: 'in_progress',
    });
    expect(custom.lifecycleEvents).toEqual([]);
  });

  it('rejects malformed payloads naming each path', () => {
    expect(pathsOf(() => mapFreshdeskWebhook({ ticket_id: 45 }, options()))).toEqual([
      'freshdesk_webhook',
    ]);
    const ticket = freshdeskTicketCreated().freshdesk_webhook;
    expect(
      pathsOf(() =>
        mapFreshdeskWebhook(
          { freshdesk_webhook: { ...ticket, ticket_id: '45; DROP', ticket_status: null } },
          options(),
        ),
      ),
    ).toEqual(['freshdesk_webhook.ticket_id', 'freshdesk_webhook.ticket_status']);
  });

  it('rejects other triggered events as unsupported', () => {
    const ticket = freshdeskTicketCreated().freshdesk_webhook;
    const note = { freshdesk_webhook: { ...ticket, triggered_event: '{note_action:created}' } };
    expect(unsupported(() => mapFreshdeskWebhook(note, options()))).toMatchObject({
      vendor: 'freshdesk',
      eventType: '{note_action:created}',
    });
  });
});

describe('lifecyclePath', () => {
  it('finds the shortest run of events, or none', () => {
    expect(lifecyclePath('new', 'resolved')).toEqual(['triage', 'start', 'resolve']);
    expect(lifecyclePath('resolved', 'resolved')).toEqual([]);
    expect(lifecyclePath('closed', 'new')).toEqual([]);
  });
});
