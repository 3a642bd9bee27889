import { assign, createActor, setup, type Actor as XStateActor } from 'xstate';
import { CustomerConfirmationRequiredError } from '../errors/customer-confirmation-required-error';
import { InvalidTransitionError } from '../errors/invalid-transition-error';
import { ResolutionCriteriaUnmetError } from '../errors/resolution-criteria-unmet-error';
import { type Ticket, type TicketStatus, ticketSchema } from '../schemas/ticket';
import { type Clock, systemClock } from '../utils/clock';
import { parseInput } from '../utils/parse-input';
import { notConfirmableError } from './not-confirmable-error';
import type { CriterionResult } from './resolution-criteria';
import {
  allowedTransitions,
  type TicketEventType,
  type TicketTransition,
  ticketTransitions,
} from './ticket-transitions';

interface EventBase {
  /** Epoch ms; filled from the clock by `sendTicketEvent`. */
  at: number;
  by?: string;
  reason?: string;
}

export type TicketMachineEvent =
  | (EventBase & { type: Exclude<TicketEventType, 'resolve'> })
  | (EventBase & { type: 'resolve'; criteria: CriterionResult[] })
  | (EventBase & { type: 'confirm' });

/**
 * The ticket lifecycle as an xstate v5 machine; its edges are exactly `ticketTransitions`.
 * Context is the ticket itself. Guards: `resolve` needs every criterion met (pass the results
 * of `evaluateResolutionCriteria` in the event); `close` needs a customer confirmation on
 * external tickets; `reopen` counts reopens and clears the confirmation.
 */
export const ticketMachine = setup({
  types: {
    context: {} as Ticket,
    events: {} as TicketMachineEvent,
    input: {} as Ticket,
  },
  guards: {
    criteriaMet: ({ event }) =>
      event.type === 'resolve' && event.criteria.every((criterion) => criterion.met),
    confirmedOrInternal: ({ context }) =>
      !context.external || context.customerConfirmation !== undefined,
  },
  actions: {
    record: assign(({ context, event }, to: TicketStatus) => ({
      status: to,
      updatedAt: event.at,
      history: [
        ...context.history,
        {
          from: context.status,
          to,
          at: event.at,
          ...(event.by ? { by: event.by } : {}),
          ...(event.reason ? { reason: event.reason } : {}),
        },
      ],
    })),
    countReopen: assign({
      reopenCount: ({ context }) => context.reopenCount + 1,
      customerConfirmation: undefined,
    }),
    confirm: assign({
      customerConfirmation: ({ event }) => ({ confirmedAt: event.at, by: event.by ?? 'customer' }),
      updatedAt: ({ event }) => event.at,
    }),
  },
}).createMachine({
  id: 'ticket',
  context: ({ input }) => input,
  initial: 'new',
  states: {
    new: { on: { triage: { target: 'triaged', actions: { type: 'record', params: 'triaged' } } } },
    triaged: {
      on: { start: { target: 'in_progress', actions: { type: 'record', params: 'in_progress' } } },
    },
    in_progress: {
      on: {
        await_customer: {
          target: 'pending_customer',
          actions: { type: 'record', params: 'pending_customer' },
        },
        resolve: {
          target: 'resolved',
          guard: 'criteriaMet',
          actions: { type: 'record', params: 'resolved' },
        },
      },
    },
    pending_customer: {
      on: {
        resume: { target: 'in_progress', actions: { type: 'record', params: 'in_progress' } },
        resolve: {
          target: 'resolved',
          guard: 'criteriaMet',
          actions: { type: 'record', params: 'resolved' },
        },
      },
    },
    resolved: {
      on: {
        close: {
          target: 'closed',
          guard: 'confirmedOrInternal',
          actions: { type: 'record', params: 'closed' },
        },
        reopen: {
          target: 'in_progress',
          actions: [{ type: 'record', params: 'in_progress' }, { type: 'countReopen' }],
        },
        confirm: { actions: 'confirm' },
      },
    },
    closed: { type: 'final' },
  },
});

export type TicketActor = XStateActor<typeof ticketMachine>;

/** Starts a ticket actor at the ticket's current status (so stored tickets can be resumed). */
export function createTicketActor(ticketInput: unknown): TicketActor {
  const ticket = parseInput(ticketSchema, ticketInput, 'ticket');
  const snapshot = ticketMachine.resolveState({ value: ticket.status, context: ticket });
  return createActor(ticketMachine, { snapshot, input: ticket }).start();
}

export type TicketEventInput = TicketMachineEvent extends infer Event
  ? Event extends TicketMachineEvent
    ? Omit<Event, 'at'> & { at?: number }
    : never
  : never;

/**
 * Sends an event and throws a typed error instead of xstate's silent ignore when the event is
 * not allowed: `InvalidTransitionError`, `ResolutionCriteriaUnmetError` or
 * `CustomerConfirmationRequiredError`. Returns the updated ticket.
 */
export function sendTicketEvent(
  actor: TicketActor,
  eventInput: TicketEventInput,
  { clock = systemClock }: { clock?: Clock } = {},
): Ticket {
  const event = { ...eventInput, at: eventInput.at ?? clock.now() } as TicketMachineEvent;
  const snapshot = actor.getSnapshot();
  if (!snapshot.can(event)) {
    const from = snapshot.context.status;
    if (event.type === 'confirm') throw notConfirmableError(from);
    if (!ticketTransitions.some((edge) => edge.from === from && edge.event === event.type)) {
      throw new InvalidTransitionError({
        from,
        to: targetOf(event.type),
        allowed: allowedTransitions(from),
      });
    }
    if (event.type === 'resolve')
      throw new ResolutionCriteriaUnmetError({ results: event.criteria });
    if (event.type === 'close')
      throw new CustomerConfirmationRequiredError({ ticketId: snapshot.context.id });
  }
  actor.send(event);
  return actor.getSnapshot().context;
}

/** Where an event leads: every event has one target in the table, whatever the source. */
function targetOf(type: TicketEventType): TicketStatus {
  return (ticketTransitions.find((edge) => edge.event === type) as TicketTransition).to;
}
