import { createManualClock, type Signal } from '@guardloop/core';
import { spanNames } from '@guardloop/otel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleTelemetry } from '../app/console-telemetry';
import { createTestConsole, signIn, type TestConsole } from '../test-support/console-fixture';

let fixture: TestConsole;
beforeAll(async () => {
  fixture = await createTestConsole();
});
afterAll(() => fixture.close());

const form = {
  email: 'ada@example.com',
  name: 'Ada Byrne',
  subject: 'Please delete my account',
  description: 'Delete account A-4242 and all its data.',
  category: 'privacy',
};

describe('the web form (intake)', () => {
  it('answers 400 with the field errors and files no ticket', async () => {
    const sam = await signIn(fixture.app, 'sam');
    const before = fixture.simulation.tickets.size;
    const response = await sam.post('/tickets', {
      csrf: sam.csrf,
      email: 'not an email',
      subject: '',
      description: '',
    });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('data-testid="field-errors"');
    expect(page).toContain('<code>email</code>');
    expect(page).toContain('<code>subject</code>');
    expect(page).toContain('<code>description</code>');
    expect(fixture.simulation.tickets.size).toBe(before);
  });

  it('refuses the form without its CSRF token (403)', async () => {
    const sam = await signIn(fixture.app, 'sam');
    expect((await sam.post('/tickets', form)).status).toBe(403);
  });

  it('files a valid ticket through the loop: a privacy form becomes an escalated deletion', async () => {
    const sam = await signIn(fixture.app, 'sam');
    expect((await sam.get('/tickets/new')).status).toBe(200);
    const response = await sam.post('/tickets', { ...form, csrf: sam.csrf });
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    const id = location.replace('/tickets/', '');
    const record = fixture.simulation.tickets.get(id);
    expect(record?.route).toBe('escalated');
    expect(record?.proposal).toMatchObject({
      name: 'delete_account',
      input: { accountId: 'A-4242' },
    });
    const item = await fixture.services.inbox.get(record?.escalationId ?? '');
    // The inbox keeps the signal as stored JSON: read back as the signal intake made.
    const signal = item.signal as Signal | null;
    expect(signal?.source).toBe('helpdesk');
    expect(signal?.fields?.channel).toBe('form');
    const page = await (await sam.get(location)).text();
    expect(page).toContain('data-ticket-sla="first_response:due"');
  });

  it('answers 404 for an unknown ticket and 400 for a malformed id', async () => {
    const sam = await signIn(fixture.app, 'sam');
    expect((await sam.get('/tickets/T-9999')).status).toBe(404);
    expect((await sam.get('/tickets/bad%20id')).status).toBe(400);
  });
});

describe('the span waterfall', () => {
  it('draws an autonomous ticket: loop root, intake, decide and the undo-log action', async () => {
    const sam = await signIn(fixture.app, 'sam');
    const page = await (await sam.get(`/tickets/${fixture.tickets.tag?.ticket.id}`)).text();
    expect(page).toContain('data-testid="waterfall"');
    for (const name of [spanNames.loop, spanNames.intake, spanNames.decide])
      expect(page).toContain(`data-span="${name}"`);
    expect(page).toContain(`data-span="${spanNames.actionPrefix} add_tag"`);
    expect(page).toContain('status=acted');
  });

  it('follows an undo by its link to the action span it undid', async () => {
    const sam = await signIn(fixture.app, 'sam');
    const ticket = fixture.tickets.secondTag?.ticket.id ?? '';
    const [action] = await fixture.services.undoLog.listTrace(ticket);
    const undo = await sam.post(`/actions/${action?.id}/undo`, {
      csrf: sam.csrf,
      reason: 'wrong tag',
    });
    expect(undo.status).toBe(303);
    const page = await (await sam.get(`/tickets/${ticket}`)).text();
    expect(page).toMatch(/class="waterfall-row linked[^"]*" data-span="guardloop\.undo"/);
  });

  it('follows an approved escalation to its linked outcome and action spans', async () => {
    const sam = await signIn(fixture.app, 'sam');
    const record = fixture.tickets.secondRefund;
    const approve = await sam.post(`/inbox/${record?.escalationId}/approve`, { csrf: sam.csrf });
    expect(approve.status).toBe(303);
    const page = await (await sam.get(`/tickets/${record?.ticket.id}`)).text();
    expect(page).toContain('status=escalated');
    expect(page).toMatch(
      /class="waterfall-row linked[^"]*" data-span="guardloop\.outcome human_decision"/,
    );
    expect(page).toMatch(
      /class="waterfall-row linked[^"]*" data-span="guardloop\.action issue_refund"/,
    );
    // Answered: the customer SLA clocks stopped in time.
    expect(page).toContain('data-ticket-sla="resolution:met"');
  });

  it('keeps at most the capped number of spans', () => {
    const { telemetry, spans } = createConsoleTelemetry(createManualClock(0), { maxSpans: 10 });
    for (let index = 0; index < 25; index++)
      telemetry.recordOutcome({ type: 'reopened', traceId: `t-${index}` });
    expect(spans().length).toBeLessThanOrEqual(10);
    expect(spans().at(-1)?.attributes['guardloop.trace_id']).toBe('t-24');
  });
});

describe('ticket SLA', () => {
  it('warns, then breaches an unanswered urgent ticket: badges and a ticket_sla outcome', async () => {
    const sam = await signIn(fixture.app, 'sam');
    const deletion = fixture.tickets.deletion;
    const id = deletion?.ticket.id ?? '';
    const created = deletion?.ticket.receivedAt ?? 0;
    fixture.clock.set(created + 11 * 60_000);
    await fixture.services.ticketSla.tick();
    const inbox = await (await sam.get('/inbox')).text();
    expect(inbox).toContain('data-ticket-sla="first_response:warning"');
    fixture.clock.set(created + 16 * 60_000);
    await fixture.services.ticketSla.tick();
    const page = await (await sam.get(`/tickets/${id}`)).text();
    expect(page).toContain('data-ticket-sla="first_response:breached"');
    expect(page).toContain('data-alert="warning:first_response"');
    expect(page).toContain('data-alert="breach:first_response"');
    const outcomes = await fixture.services.feedback.store.listOutcomes({ traceId: id, limit: 50 });
    expect(outcomes.items.some((outcome) => outcome.type === 'ticket_sla')).toBe(true);
  });
});

describe('ticket SLA breach fed into the loop', () => {
  it('escalates a breached ticket nobody is on (a failed return) to the inbox, once', async () => {
    const sam = await signIn(fixture.app, 'sam');
    const failed = fixture.tickets.failedReturn;
    const id = failed?.ticket.id ?? '';
    expect(fixture.simulation.tickets.get(id)?.escalationId).toBeUndefined();
    fixture.clock.set((failed?.ticket.receivedAt ?? 0) + 8 * 60 * 60_000 + 60_000);
    await fixture.services.ticketSla.tick();
    await fixture.services.ticketSla.tick();
    const escalationId = fixture.simulation.tickets.get(id)?.escalationId ?? '';
    const item = await fixture.services.inbox.get(escalationId);
    expect(item).toMatchObject({
      traceId: id,
      rail: 'ticket-sla',
      priority: 'urgent',
      action: null,
    });
    const inbox = await (await sam.get('/inbox')).text();
    expect(inbox.split(`data-trace="${id}"`)).toHaveLength(2);
    expect((await sam.get(`/inbox/${escalationId}`)).status).toBe(200);
  });
});

describe('health: maturity', () => {
  it('grades each dimension for baseline and now with evidence and what would raise it', async () => {
    const sam = await signIn(fixture.app, 'sam');
    const page = await (await sam.get('/health')).text();
    expect(page).toContain('data-testid="maturity"');
    for (const dimension of ['routing', 'knowledge_base', 'macros', 'self_healing'])
      expect(page).toContain(`data-dimension="${dimension}"`);
    expect(page).toContain('What would raise it');
  });
});
