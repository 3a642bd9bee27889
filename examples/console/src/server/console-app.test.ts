import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestConsole, signIn, type TestConsole } from '../test-support/console-fixture';

let fixture: TestConsole;
beforeAll(async () => {
  fixture = await createTestConsole();
});
afterAll(() => fixture.close());

const escalationOf = (record: { escalationId?: string } | undefined) => record?.escalationId ?? '';

describe('sign-in and sessions', () => {
  it('sends visitors without a session to the sign-in page and refuses their POSTs', async () => {
    const page = await fixture.app.request('/inbox');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/sign-in');
    const post = await fixture.app.request(
      `/inbox/${escalationOf(fixture.tickets.largeRefund)}/approve`,
      { method: 'POST' },
    );
    expect(post.status).toBe(401);
  });

  it('refuses a wrong passcode and a sign-in without its CSRF token', async () => {
    expect((await signIn(fixture.app, 'sam', 'wrong')).signedIn.status).toBe(401);
    const forged = await fixture.app.request('/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'reviewerId=sam&passcode=sam&csrf=forged',
    });
    expect(forged.status).toBe(403);
  });

  it('sets a signed HttpOnly SameSite=Lax session cookie', async () => {
    const { signedIn } = await signIn(fixture.app, 'sam');
    expect(signedIn.status).toBe(303);
    const cookie = signedIn.headers
      .getSetCookie()
      .find((header) => header.startsWith('guardloop_console_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('rejects a tampered session cookie', async () => {
    const page = await fixture.app.request('/inbox', {
      headers: { cookie: 'guardloop_console_session=sam.abc.forged' },
    });
    expect(page.status).toBe(303);
  });
});

describe('inbox', () => {
  it('lists pending escalations by SLA due time with their rail and reason', async () => {
    const sam = await signIn(fixture.app, 'sam');
    const page = await (await sam.get('/inbox')).text();
    const deletion = page.indexOf(fixture.tickets.deletion?.ticket.id ?? '-');
    const refund = page.indexOf(fixture.tickets.largeRefund?.ticket.id ?? '-');
    expect(deletion).toBeGreaterThan(0);
    expect(deletion).toBeLessThan(refund); // urgent first
    expect(page).toContain('irreversible-actions');
    expect(page).toContain('refund-limit');
    expect(page).toContain('data-sla="due"');
  });

  it('refuses a POST without the CSRF token (403) and decides nothing', async () => {
    const sam = await signIn(fixture.app, 'sam');
    const id = escalationOf(fixture.tickets.largeRefund);
    expect((await sam.post(`/inbox/${id}/approve`, {})).status).toBe(403);
    expect((await sam.post(`/inbox/${id}/approve`, { csrf: 'forged' })).status).toBe(403);
    expect((await fixture.services.inbox.get(id)).status).toBe('pending');
  });

  it('shows a tier-1 reviewer no Approve on an account deletion and refuses a forged POST with 403', async () => {
    const ria = await signIn(fixture.app, 'ria');
    const id = escalationOf(fixture.tickets.deletion);
    const page = await (await ria.get(`/inbox/${id}`)).text();
    expect(page).toContain('data-testid="no-authority"');
    expect(page).not.toContain('data-testid="approve"');
    const forged = await ria.post(`/inbox/${id}/approve`, { csrf: ria.csrf });
    expect(forged.status).toBe(403);
    const item = await fixture.services.inbox.get(id);
    expect(item.status).toBe('pending');
    expect(item.history.map((entry) => entry.type)).toContain('authority_denied');
  });

  it('answers 404 for an unknown escalation and 400 for a malformed id', async () => {
    const sam = await signIn(fixture.app, 'sam');
    expect((await sam.get('/inbox/no-such-item')).status).toBe(404);
    expect((await sam.post('/inbox/no-such-item/approve', { csrf: sam.csrf })).status).toBe(404);
    expect((await sam.get('/inbox/bad%20id%3C')).status).toBe(400);
  });

  it('approves: the action runs through the undo log and an approved outcome is recorded; again is 409', async () => {
    const sam = await signIn(fixture.app, 'sam');
    const record = fixture.tickets.deletion;
    const id = escalationOf(record);
    const item = await fixture.services.inbox.get(id);
    const approved = await sam.post(`/inbox/${id}/approve`, {
      csrf: sam.csrf,
      inputHash: item.inputHash ?? '',
      note: 'verified',
    });
    expect(approved.status).toBe(303);
    expect((await fixture.services.inbox.get(id)).status).toBe('approved');
    const records = await fixture.services.undoLog.listTrace(item.traceId);
    expect(records.map((entry) => [entry.actionName, entry.status])).toEqual([
      ['delete_account', 'done'],
    ]);
    const outcomes = await fixture.services.feedback.store.listOutcomes({ traceId: item.traceId });
    expect(outcomes.items.find((outcome) => outcome.type === 'human_decision')).toMatchObject({
      decision: 'approved',
    });
    expect((await sam.post(`/inbox/${id}/approve`, { csrf: sam.csrf })).status).toBe(409);
  });

  it('claims an item for one reviewer: another cannot decide it while the claim holds (409)', async () => {
    const sam = await signIn(fixture.app, 'sam');
    const ria = await signIn(fixture.app, 'ria');
    const id = escalationOf(fixture.tickets.claimedRefund);
    expect((await sam.post(`/inbox/${id}/claim`, { csrf: sam.csrf })).status).toBe(303);
    expect((await fixture.services.inbox.get(id)).assignee).toBe('sam');
    expect((await ria.post(`/inbox/${id}/approve`, { csrf: ria.csrf })).status).toBe(409);
    expect((await fixture.services.inbox.get(id)).status).toBe('pending');
  });

  it('validates the reject form (400 with field errors)', async () => {
    const sam = await signIn(fixture.app, 'sam');
    const response = await sam.post(`/inbox/${escalationOf(fixture.tickets.secondRefund)}/reject`, {
      csrf: sam.csrf,
      reason: ' ',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<code>reason</code>');
  });

  it('edit + approve validates with the action schema (400), re-checks the rails (422), then runs the edit', async () => {
    const sam = await signIn(fixture.app, 'sam');
    const id = escalationOf(fixture.tickets.largeRefund);
    const form = { csrf: sam.csrf, 'input.ticketId': 'T-9999', 'input.orderId': 'O-1' };
    const invalid = await sam.post(`/inbox/${id}/approve-with-edits`, {
      ...form,
      'input.amountUsd': 'lots',
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('<code>amountUsd</code>');
    const refused = await sam.post(`/inbox/${id}/approve-with-edits`, {
      ...form,
      'input.amountUsd': '1500',
    });
    expect(refused.status).toBe(422);
    const edited = await sam.post(`/inbox/${id}/approve-with-edits`, {
      ...form,
      'input.amountUsd': '120',
    });
    expect(edited.status).toBe(303);
    const item = await fixture.services.inbox.get(id);
    expect(item.decision?.kind).toBe('approve_with_edits');
    // The ticket is fixed by the host: the edit cannot move the refund to another ticket.
    expect(fixture.services.desk.refunds.get(item.traceId)).toEqual({
      orderId: 'O-1',
      amountUsd: 120,
    });
  });

  it('rejects with a reason: nothing runs and an override is recorded', async () => {
    const sam = await signIn(fixture.app, 'sam');
    const id = escalationOf(fixture.tickets.secondRefund);
    expect(
      (await sam.post(`/inbox/${id}/reject`, { csrf: sam.csrf, reason: 'Order was never paid' }))
        .status,
    ).toBe(303);
    const item = await fixture.services.inbox.get(id);
    expect(item.status).toBe('rejected');
    expect(await fixture.services.undoLog.listTrace(item.traceId)).toEqual([]);
    const types = (
      await fixture.services.feedback.store.listOutcomes({ traceId: item.traceId })
    ).items.map((outcome) => outcome.type);
    expect(types).toEqual(expect.arrayContaining(['human_decision', 'override']));
  });
});

describe('actions', () => {
  it('undoes an autonomous action with a reason; without one 400, twice 409, unknown 404', async () => {
    const sam = await signIn(fixture.app, 'sam');
    const traceId = fixture.tickets.tag?.ticket.id ?? '';
    expect(fixture.services.desk.tags.get(traceId)?.has('vip')).toBe(true);
    const [record] = await fixture.services.undoLog.listTrace(traceId);
    const page = await (await sam.get('/actions')).text();
    expect(page).toContain(`data-action-id="${record?.id}"`);
    expect(
      (await sam.post(`/actions/${record?.id}/undo`, { csrf: sam.csrf, reason: '' })).status,
    ).toBe(400);
    expect(
      (await sam.post(`/actions/${record?.id}/undo`, { csrf: sam.csrf, reason: 'Not a VIP' }))
        .status,
    ).toBe(303);
    expect(fixture.services.desk.tags.get(traceId)?.has('vip')).toBe(false);
    expect((await fixture.services.undoLog.getRecord(record?.id ?? '')).status).toBe('undone');
    expect(
      (await sam.post(`/actions/${record?.id}/undo`, { csrf: sam.csrf, reason: 'again' })).status,
    ).toBe(409);
    expect(
      (await sam.post('/actions/no-such-action/undo', { csrf: sam.csrf, reason: 'x' })).status,
    ).toBe(404);
  });

  it('refuses to undo an approved action from the Actions page (409)', async () => {
    const sam = await signIn(fixture.app, 'sam');
    const [record] = await fixture.services.undoLog.listTrace(
      fixture.tickets.largeRefund?.ticket.id ?? '',
    );
    expect(
      (await sam.post(`/actions/${record?.id}/undo`, { csrf: sam.csrf, reason: 'x' })).status,
    ).toBe(409);
  });

  it('lists saga rollbacks', async () => {
    const sam = await signIn(fixture.app, 'sam');
    const page = await (await sam.get('/actions')).text();
    expect(fixture.tickets.failedReturn?.saga?.status).toBe('rolled_back');
    expect(page).toContain(`/tickets/${fixture.tickets.failedReturn?.ticket.id}`);
    expect(page).toContain('book_courier');
  });
});

describe('health, tickets and assets', () => {
  it('renders the health page with uPlot served locally', async () => {
    const sam = await signIn(fixture.app, 'sam');
    const page = await (await sam.get('/health')).text();
    expect(page).toContain('/assets/uplot.js');
    expect(page).toContain('id="health-data"');
    const script = await fixture.app.request('/assets/uplot.js');
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('uPlot');
    expect((await fixture.app.request('/assets/nothing.js')).status).toBe(404);
  });

  it('renders a ticket trace and 404s an unknown ticket', async () => {
    const sam = await signIn(fixture.app, 'sam');
    const traceId = fixture.tickets.deletion?.ticket.id ?? '';
    const page = await (await sam.get(`/tickets/${traceId}`)).text();
    expect(page).toContain('data-outcome="human_decision:approved"');
    expect(page).toContain('&quot;accountDeleted&quot;: true');
    expect(page).toContain('delete_account');
    expect((await sam.get('/tickets/T-none')).status).toBe(404);
  });
});
