import { describe, expect, it } from 'vitest';
import { GuardloopError } from '../errors/guardloop-error';
import type { Ticket, TicketStatus } from '../schemas/ticket';
import { createManualClock } from '../utils/clock';
import { createSequentialIdGenerator } from '../utils/id-generator';
import { createTicket } from './create-ticket';
import type { ResolutionCriterion } from './resolution-criteria';
import { createTicketLifecycle } from './ticket-lifecycle';

const clock = createManualClock(1_000);
const newTicket = (input: Partial<Ticket> = {}) =>
  createTicket(
    { subject: 'Cannot log in', ...input },
    { clock, idGenerator: createSequentialIdGenerator('t') },
  );

async function walk(
  lifecycle: ReturnType<typeof createTicketLifecycle>,
  ticket: Ticket,
  path: TicketStatus[],
) {
  let current = ticket;
  for (const to of path) current = (await lifecycle.transition(current, to)).ticket;
  return current;
}

const loginWorks: ResolutionCriterion = {
  id: 'login-works',
  description: 'The customer can log in again',
  check: (ticket) => ticket.data.loginVerified === true,
};

describe('createTicketLifecycle', () => {
  it('walks the happy path and records history', async () => {
    const lifecycle = createTicketLifecycle({ clock });
    const ticket = newTicket({ external: false });
    const closed = await walk(lifecycle, ticket, ['triaged', 'in_progress', 'resolved', 'closed']);
    expect(closed.status).toBe('closed');
    expect(closed.history.map((entry) => `${entry.from}->${entry.to}`)).toEqual([
      'new->triaged',
      'triaged->in_progress',
      'in_progress->resolved',
      'resolved->closed',
    ]);
    expect(ticket.status).toBe('new'); // inputs are not mutated
  });

  it('rejects an invalid transition naming from, to and the allowed edges', async () => {
    const lifecycle = createTicketLifecycle({ clock });
    await expect(lifecycle.transition(newTicket(), 'resolved')).rejects.toMatchObject({
      code: 'invalid_transition',
      from: 'new',
      to: 'resolved',
      allowed: ['triaged'],
    });
  });

  it('refuses to resolve while a criterion is unmet and reports each criterion', async () => {
    const lifecycle = createTicketLifecycle({
      clock,
      criteria: [
        loginWorks,
        { id: 'reply-sent', description: 'A reply was sent', check: async () => true },
      ],
    });
    const inProgress = await walk(lifecycle, newTicket(), ['triaged', 'in_progress']);
    await expect(lifecycle.transition(inProgress, 'resolved')).rejects.toMatchObject({
      code: 'resolution_criteria_unmet',
      results: [
        { id: 'login-works', met: false },
        { id: 'reply-sent', met: true },
      ],
    });
    const verified = { ...inProgress, data: { loginVerified: true } };
    const result = await lifecycle.transition(verified, 'resolved');
    expect(result.ticket.status).toBe('resolved');
    expect(result.criteria.every((criterion) => criterion.met)).toBe(true);
  });

  it('passes the caller abort signal to each check as abortSignal', async () => {
    const seen: unknown[] = [];
    const lifecycle = createTicketLifecycle({
      clock,
      criteria: [
        {
          id: 'sees-signal',
          description: 'x',
          check: (_ticket, options) => {
            seen.push(options.abortSignal);
            return true;
          },
        },
      ],
    });
    const ticket = await walk(lifecycle, newTicket(), ['triaged', 'in_progress']);
    const controller = new AbortController();
    await lifecycle.transition(ticket, 'resolved', { abortSignal: controller.signal });
    expect(seen).toEqual([controller.signal]);
  });

  it('counts a criterion whose check throws as unmet, with the error', async () => {
    const lifecycle = createTicketLifecycle({
      clock,
      criteria: [
        { id: 'broken', description: 'x', check: () => Promise.reject(new Error('lookup failed')) },
      ],
    });
    const ticket = await walk(lifecycle, newTicket(), ['triaged', 'in_progress']);
    const results = await lifecycle.evaluateCriteria(ticket);
    expect(results).toEqual([
      { id: 'broken', description: 'x', met: false, error: 'lookup failed' },
    ]);
  });

  it('counts a check that throws what String() cannot print as unmet too', async () => {
    const lifecycle = createTicketLifecycle({
      clock,
      criteria: [{ id: 'odd', description: 'x', check: () => Promise.reject(Object.create(null)) }],
    });
    const ticket = await walk(lifecycle, newTicket(), ['triaged', 'in_progress']);
    await expect(lifecycle.evaluateCriteria(ticket)).resolves.toEqual([
      { id: 'odd', description: 'x', met: false, error: '[object Object]' },
    ]);
  });

  it('applies criteria only to the tickets they concern', async () => {
    const lifecycle = createTicketLifecycle({
      clock,
      criteria: [{ ...loginWorks, appliesTo: (ticket) => ticket.category === 'login' }],
    });
    const billing = await walk(lifecycle, newTicket({ category: 'billing' }), [
      'triaged',
      'in_progress',
    ]);
    await expect(lifecycle.transition(billing, 'resolved')).resolves.toMatchObject({
      criteria: [],
    });
  });

  it('closes an external ticket only after the customer confirmed', async () => {
    const lifecycle = createTicketLifecycle({ clock });
    const resolved = await walk(lifecycle, newTicket({ external: true }), [
      'triaged',
      'in_progress',
      'resolved',
    ]);
    await expect(lifecycle.transition(resolved, 'closed')).rejects.toMatchObject({
      code: 'customer_confirmation_required',
      ticketId: resolved.id,
    });
    const confirmed = lifecycle.confirm(resolved, { by: 'customer@example.com' });
    expect(confirmed.customerConfirmation).toMatchObject({
      by: 'customer@example.com',
      confirmedAt: clock.now(),
    });
    await expect(lifecycle.transition(confirmed, 'closed')).resolves.toMatchObject({
      ticket: { status: 'closed' },
    });
  });

  it('does not count a confirmation from the AI or system side', async () => {
    const lifecycle = createTicketLifecycle({ clock, automatedActors: ['ai-bot'] });
    const resolved = await walk(lifecycle, newTicket({ external: true }), [
      'triaged',
      'in_progress',
      'resolved',
    ]);
    for (const confirmation of [
      { by: 'ai-bot' },
      { by: 'ai' },
      { by: 'system' },
      { by: 'helper', byType: 'ai' as const },
      { by: 'cron', byType: 'system' as const },
      { by: '   ' },
    ]) {
      expect(() => lifecycle.confirm(resolved, confirmation)).toThrow(
        expect.objectContaining({ code: 'invalid_input', subject: 'confirmation' }),
      );
    }
    // A stored confirmation naming the AI (written by older code or by hand) does not close it.
    for (const customerConfirmation of [
      { by: 'ai-bot', confirmedAt: 1 },
      { by: 'ai-bot', byType: 'customer' as const, confirmedAt: 1 },
      { by: 'helper', byType: 'ai' as const, confirmedAt: 1 },
      { by: 'system', confirmedAt: 1 },
    ]) {
      await expect(
        lifecycle.transition({ ...resolved, customerConfirmation }, 'closed'),
      ).rejects.toMatchObject({ code: 'customer_confirmation_required' });
    }
    const byAgent = lifecycle.confirm(resolved, { by: 'agent-7', byType: 'human' });
    await expect(lifecycle.transition(byAgent, 'closed')).resolves.toMatchObject({
      ticket: { status: 'closed', customerConfirmation: { by: 'agent-7', byType: 'human' } },
    });
  });

  it('does not count a stored confirmation that does not say it came from the customer side', async () => {
    // No automatedActors configured: before the fix `{ by: 'ai-bot' }` closed the ticket.
    const lifecycle = createTicketLifecycle({ clock });
    const resolved = await walk(lifecycle, newTicket({ external: true }), [
      'triaged',
      'in_progress',
      'resolved',
    ]);
    for (const by of ['ai-bot', 'ada@example.com']) {
      await expect(
        lifecycle.transition(
          { ...resolved, customerConfirmation: { by, confirmedAt: 1 } },
          'closed',
        ),
      ).rejects.toMatchObject({ code: 'customer_confirmation_required' });
    }
    const confirmed = lifecycle.confirm(resolved, { by: 'ada@example.com' });
    expect(confirmed.customerConfirmation?.byType).toBe('customer');
    await expect(lifecycle.transition(confirmed, 'closed')).resolves.toMatchObject({
      ticket: { status: 'closed' },
    });
  });

  it('rejects malformed options with invalid_input', async () => {
    for (const options of [
      { criteria: 'x' },
      { criteria: [{ id: 'a' }] },
      { clock: {} },
      { automatedActors: [''] },
      null,
    ]) {
      expect(() => createTicketLifecycle(options as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
    const lifecycle = createTicketLifecycle({ clock });
    await expect(lifecycle.transition(newTicket(), 'triaged', null as never)).rejects.toMatchObject(
      { code: 'invalid_input' },
    );
    await expect(lifecycle.evaluateCriteria(newTicket(), null as never)).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('counts a criterion whose appliesTo throws as applicable and unmet', async () => {
    const lifecycle = createTicketLifecycle({
      clock,
      criteria: [
        {
          ...loginWorks,
          appliesTo: () => {
            throw new Error('no category');
          },
        },
      ],
    });
    const ticket = await walk(lifecycle, newTicket(), ['triaged', 'in_progress']);
    await expect(lifecycle.transition(ticket, 'resolved')).rejects.toMatchObject({
      code: 'resolution_criteria_unmet',
      results: [{ id: 'login-works', met: false, error: 'no category' }],
    });
  });

  it('counts reopens and requires a fresh confirmation after one', async () => {
    const lifecycle = createTicketLifecycle({ clock });
    const resolved = await walk(lifecycle, newTicket(), ['triaged', 'in_progress', 'resolved']);
    const confirmed = lifecycle.confirm(resolved, { by: 'customer' });
    const reopened = (
      await lifecycle.transition(confirmed, 'in_progress', {
        by: 'customer',
        reason: 'still broken',
      })
    ).ticket;
    expect(reopened.reopenCount).toBe(1);
    expect(reopened.customerConfirmation).toBeUndefined();
    expect(reopened.history.at(-1)).toMatchObject({
      from: 'resolved',
      to: 'in_progress',
      reason: 'still broken',
    });
    const again = await walk(lifecycle, reopened, ['resolved', 'in_progress', 'resolved']);
    expect(again.reopenCount).toBe(2);
    await expect(lifecycle.transition(again, 'closed')).rejects.toMatchObject({
      code: 'customer_confirmation_required',
    });
  });

  it('moves through pending_customer', async () => {
    const lifecycle = createTicketLifecycle({ clock });
    const ticket = await walk(lifecycle, newTicket(), [
      'triaged',
      'in_progress',
      'pending_customer',
      'in_progress',
      'pending_customer',
      'resolved',
    ]);
    expect(ticket.status).toBe('resolved');
  });

  it('rejects malformed tickets, statuses and confirmations with typed errors', async () => {
    const lifecycle = createTicketLifecycle({ clock });
    await expect(lifecycle.transition({ id: 1 } as never, 'triaged')).rejects.toMatchObject({
      code: 'invalid_input',
      subject: 'ticket',
    });
    await expect(lifecycle.transition(newTicket(), 'done' as never)).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(() => lifecycle.confirm(newTicket(), { by: 'c' })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => lifecycle.confirm(newTicket(), {} as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => createTicket({ status: 'open' as never })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    for (const [input, options] of [
      ['subject' as never, undefined],
      [null as never, undefined],
      [{}, null as never],
      [{}, { clock: 'x' } as never],
    ] as const) {
      expect(() => createTicket(input, options)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
  });

  it('rejects with the abort reason', async () => {
    const lifecycle = createTicketLifecycle({ clock, criteria: [loginWorks] });
    const ticket = await walk(lifecycle, newTicket(), ['triaged', 'in_progress']);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      lifecycle.transition(ticket, 'resolved', { abortSignal: controller.signal }),
    ).rejects.toThrow('stop');
    expect(GuardloopError.isInstance(new Error('x'))).toBe(false);
  });
});
