// Payloads shaped as the vendors document them (field names, id types, status casing).

/** Zendesk webhook ticket event, `zendesk_event_version` 2022-11-06 (developer.zendesk.com, "Ticket events"). */
export function zendeskTicketCreated() {
  return {
    account_id: 22129848,
    detail: {
      actor_id: '8447388090494',
      assignee_id: '8447388090494',
      brand_id: '8447346621310',
      created_at: '2026-11-30T10:12:07Z',
      custom_status: '8447320465790',
      description: 'I was charged twice for my March invoice.',
      external_id: null,
      form_id: '8646151517822',
      group_id: '8447320466430',
      id: '5158',
      is_public: true,
      organization_id: '8447346622206',
      priority: 'HIGH',
      requester_id: '8447388090494',
      status: 'NEW',
      subject: 'Charged twice',
      submitter_id: '8447388090494',
      tags: ['vip', 'billing', 'mobile'],
      type: 'QUESTION',
      updated_at: '2026-11-30T10:12:07Z',
      via: { channel: 'web_service' },
    },
    event: {},
    id: 'cbe4028c-7239-495d-b020-f22348516046',
    subject: 'zen:ticket:5158',
    time: '2026-11-30T10:12:07.672717030Z',
    type: 'zen:event-type:ticket.created',
    zendesk_event_version: '2022-11-06',
  };
}

export function zendeskStatusChanged(previous = 'OPEN', current = 'SOLVED') {
  return {
    ...zendeskTicketCreated(),
    id: '5a8ac5cb-3ed2-4d4a-8c53-1f5e0e7a1b90',
    time: '2026-11-30T11:00:00Z',
    type: 'zen:event-type:ticket.status_changed',
    event: { current, previous },
  };
}

/** Freshdesk automation rule webhook, JSON content with placeholders (support.freshdesk.com). */
export function freshdeskTicketCreated() {
  return {
    freshdesk_webhook: {
      ticket_id: 45,
      ticket_subject: 'Refund not received',
      ticket_description: '<div>I returned the order two weeks ago.</div>',
      ticket_url: 'https://acme.freshdesk.com/helpdesk/tickets/45',
      ticket_portal_url: 'https://support.acme.com/support/tickets/45',
      ticket_due_by_time: 'Mon, 7 Dec, 2026 6:00 PM -0000',
      ticket_status: 'Open',
      ticket_priority: 'High',
      ticket_source: 'Email',
      ticket_ticket_type: 'Refund',
      ticket_tags: 'mobile, vip',
      ticket_requester_name: 'Ada Lovelace',
      ticket_requester_email: 'ada@example.com',
      ticket_company_name: 'Acme',
      triggered_event: '{ticket_action:created}',
    },
  };
}

export function freshdeskStatusChanged(from = 'Open', to = 'Resolved') {
  const created = freshdeskTicketCreated();
  return {
    freshdesk_webhook: {
      ...created.freshdesk_webhook,
      ticket_status: to,
      triggered_event: `{status:{from:${from},to:${to}}}`,
    },
  };
}
