import { describe, expect, it } from 'vitest';
import type { Ticket } from '../schemas/ticket';
import { ticketStatuses } from '../schemas/ticket';
import { createManualClock } from '../utils/clock';
import { createTicket } from './create-ticket';
import type { ResolutionCriterion } from './resolution-criteria';
import { createTicketLifecycle } from './ticket-lifecycle';
import { createTicketActor, sendTicketEvent, ticketMachine } from './ticket-machine';
import { ticketTransitions } from './ticket-transitions';

const clock = createManualClock(5_000);
const loginWorks: ResolutionCriterion = {
  id: 'login',
  description: 'login works',
  check: (ticket) => ticket.data.loginVerified === true,
};
const code = (value: string) => expect.objectContaining({ code: value });

describe('ticketMachine', () => {
  it('has exactly the edges of the transition table', () => {
    const edges = new Set<string>();
    for (const status of ticketStatuses) {
      const node = ticketMachine.states[status];
      for (const [event, transitions] of Object.entries(node?.config.on ?? {})) {
        for (const transition of [transitions].flat()) {
          const target = (transition as { target?: string }).target;
          if (target) edges.add(`${status}-${event}->${target}`);
        }
      }
    }
    expect(edges).toEqual(
      new Set(ticketTransitions.map((edge) => `${edge.from}-${edge.event}->${edge.to}`)),
    );
  });

  it('runs the lifecycle with guards and counts reopens', async () => {
    const actor = createTicketActor(createTicket({ external: true }, { clock }), { clock });
    await sendTicketEvent(actor, { type: 'triage' });
    await sendTicketEvent(actor, { type: 'start' });
    await sendTicketEvent(actor, { type: 'resolve' });
    await expect(sendTicketEvent(actor, { type: 'close' })).rejects.toThrow(
      code('customer_confirmation_required'),
    );
    await sendTicketEvent(actor, { type: 'reopen', by: 'customer' });
    await sendTicketEvent(actor, { type: 'resolve' });
    await sendTicketEvent(actor, { type: 'confirm', by: 'ada@example.com' });
    const closed = await sendTicketEvent(actor, { type: 'close' });
    expect(closed).toMatchObject({ status: 'closed', reopenCount: 1 });
    expect(actor.getSnapshot().status).toBe('done');
  });

  it("evaluates the actor's own criteria and refuses caller-supplied results", async () => {
    const actor = createTicketActor(createTicket({ status: 'in_progress' }, { clock }), {
      criteria: [loginWorks],
    });
    // Before the fix the machine took `criteria` from the event: [] resolved anything.
    await expect(
      sendTicketEvent(actor, { type: 'resolve', criteria: [] } as never),
    ).rejects.toThrow(code('invalid_input'));
    await expect(sendTicketEvent(actor, { type: 'resolve' })).rejects.toThrow(
      expect.objectContaining({
        code: 'resolution_criteria_unmet',
        results: [{ id: 'login', description: 'login works', met: false }],
      }),
    );
    expect(actor.getSnapshot().value).toBe('in_progress');
  });

  it('ignores raw sends that did not go through the transition function', () => {
    const actor = createTicketActor(createTicket({ status: 'in_progress' }, { clock }), {
      criteria: [loginWorks],
    });
    actor.send({ type: 'resolve', criteria: [] } as never);
    actor.send({ type: 'resolve' });
    expect(actor.getSnapshot().value).toBe('in_progress');
  });

  it('requires a confirmer from the customer side', async () => {
    const actor = createTicketActor(createTicket({ status: 'resolved' }, { clock }), {
      automatedActors: ['ai-bot'],
    });
    // Before the fix `{ type: 'confirm' }` recorded a confirmation "by customer".
    await expect(sendTicketEvent(actor, { type: 'confirm' } as never)).rejects.toThrow(
      code('invalid_input'),
    );
    await expect(sendTicketEvent(actor, { type: 'confirm', by: '  ' })).rejects.toThrow(
      code('invalid_input'),
    );
    await expect(
      sendTicketEvent(actor, { type: 'confirm', by: 'helper', byType: 'ai' }),
    ).rejects.toThrow(code('invalid_input'));
    await expect(sendTicketEvent(actor, { type: 'confirm', by: 'ai-bot' })).rejects.toThrow(
      code('invalid_input'),
    );
    await expect(sendTicketEvent(actor, { type: 'confirm', by: 'system' })).rejects.toThrow(
      code('invalid_input'),
    );
    await expect(sendTicketEvent(actor, { type: 'close' })).rejects.toThrow(
      code('customer_confirmation_required'),
    );
    const confirmed = await sendTicketEvent(actor, {
      type: 'confirm',
      by: 'agent-7',
      byType: 'human',
    });
    expect(confirmed.customerConfirmation).toMatchObject({ by: 'agent-7', byType: 'human' });
  });

  it('does not close a resumed ticket whose stored confirmation names the AI', async () => {
    const stored = createTicket(
      { status: 'resolved', customerConfirmation: { by: 'ai-bot', confirmedAt: 1, byType: 'ai' } },
      { clock },
    );
    await expect(sendTicketEvent(createTicketActor(stored), { type: 'close' })).rejects.toThrow(
      code('customer_confirmation_required'),
    );
  });

  it('throws InvalidTransitionError instead of silently ignoring an event', async () => {
    const actor = createTicketActor(createTicket({ status: 'pending_customer' }, { clock }));
    await expect(sendTicketEvent(actor, { type: 'start' })).rejects.toThrow(
      expect.objectContaining({
        code: 'invalid_transition',
        from: 'pending_customer',
        allowed: ['in_progress', 'resolved'],
      }),
    );
    await expect(sendTicketEvent(actor, { type: 'confirm', by: 'c' })).rejects.toThrow(
      code('invalid_input'),
    );
  });

  it('rejects malformed events and actors with invalid_input', async () => {
    const actor = createTicketActor(createTicket({ status: 'in_progress' }, { clock }));
    for (const event of [
      null,
      undefined,
      42,
      {},
      { type: 'explode' },
      { type: 'triage', at: NaN },
    ]) {
      await expect(sendTicketEvent(actor, event as never)).rejects.toThrow(code('invalid_input'));
    }
    await expect(sendTicketEvent(null as never, { type: 'triage' })).rejects.toThrow(
      code('invalid_input'),
    );
    actor.stop();
    await expect(sendTicketEvent(actor, { type: 'resolve' })).rejects.toThrow(
      code('invalid_input'),
    );
    expect(() =>
      createTicketActor(createTicket({}, { clock }), { criteria: 'x' } as never),
    ).toThrow(code('invalid_input'));
  });

  it('resumes a stored ticket at its status', async () => {
    const actor = createTicketActor(createTicket({ status: 'resolved' }, { clock }));
    expect(actor.getSnapshot().value).toBe('resolved');
    expect((await sendTicketEvent(actor, { type: 'reopen' })).reopenCount).toBe(1);
  });

  it('rejects a malformed ticket with a typed error', () => {
    expect(() => createTicketActor({ status: 'new' })).toThrow(code('invalid_input'));
  });
});

describe('both lifecycle APIs', () => {
  const confirmations = [
    { by: 'ada@example.com' },
    { by: 'ai-bot' },
    { by: 'x', byType: 'ai' as const },
  ];
  const outcome = async (run: () => Promise<Ticket> | Ticket) => {
    try {
      const ticket = await run();
      return { ticket: JSON.parse(JSON.stringify(ticket)) as unknown };
    } catch (error) {
      return { error: (error as { code?: string }).code };
    }
  };

  // Every move from every status, on tickets with and without a (customer or AI) confirmation
  // and with met or unmet criteria: the lifecycle and the machine must agree on each.
  for (const status of ticketStatuses) {
    for (const confirmation of [undefined, 'ada@example.com', 'ai-bot']) {
      for (const verified of [true, false]) {
        it(`agree from '${status}' (confirmed by ${confirmation}, criteria met: ${verified})`, async () => {
          const options = { clock, criteria: [loginWorks], automatedActors: ['ai-bot'] };
          const lifecycle = createTicketLifecycle(options);
          const ticket = createTicket(
            {
              id: 't-1',
              status,
              data: { loginVerified: verified },
              ...(confirmation
                ? { customerConfirmation: { by: confirmation, confirmedAt: 1 } }
                : {}),
            },
            { clock },
          );
          const send = (event: Parameters<typeof sendTicketEvent>[1]) =>
            outcome(() => sendTicketEvent(createTicketActor(ticket, options), event));
          for (const to of ticketStatuses) {
            const viaLifecycle = await outcome(() =>
              lifecycle.transition(ticket, to).then((result) => result.ticket),
            );
            const edge = ticketTransitions.find((e) => e.from === status && e.to === to);
            if (edge === undefined) {
              expect(viaLifecycle).toEqual({ error: 'invalid_transition' });
              continue;
            }
            expect({ to, result: await send({ type: edge.event }) }).toEqual({
              to,
              result: viaLifecycle,
            });
          }
          for (const { event } of ticketTransitions) {
            if (ticketTransitions.some((e) => e.from === status && e.event === event)) continue;
            expect(await send({ type: event })).toEqual({ error: 'invalid_transition' });
          }
          for (const step of confirmations) {
            const viaLifecycle = await outcome(() => lifecycle.confirm(ticket, step));
            expect({ step, result: await send({ type: 'confirm', ...step }) }).toEqual({
              step,
              result: viaLifecycle,
            });
          }
        });
      }
    }
  }
});
