import { assign, createActor, setup, type Actor as XStateActor } from 'xstate';
import { z } from 'zod';
import { InvalidInputError } from '../errors/invalid-input-error';
import { type Ticket, ticketSchema, type ticketStatuses } from '../schemas/ticket';
import type { Clock } from '../utils/clock';
import { parseInput } from '../utils/parse-input';
import type { TicketCommand } from './apply-ticket-event';
import { confirmationInputSchema } from './customer-confirmation';
import {
  type LifecycleSettings,
  resolveLifecycleSettings,
  runTicketEvent,
  type TicketLifecycleOptions,
} from './run-ticket-event';
import { type TicketEventType, ticketTransitions } from './ticket-transitions';

/**
 * An event as the machine receives it. It only takes effect when `sendTicketEvent` minted it
 * after `applyTicketEvent` accepted it: a raw `actor.send` is ignored, so nobody can resolve a
 * ticket by claiming its criteria are met, or confirm it without saying who confirmed.
 */
export type TicketMachineEvent = { type: TicketEventType | 'confirm' };

// Events minted by sendTicketEvent, each with the ticket it was computed from and the result.
const approvals = new WeakMap<object, { from: Ticket; next: Ticket }>();

const edges = (status: (typeof ticketStatuses)[number]) =>
  Object.fromEntries(
    ticketTransitions
      .filter((edge) => edge.from === status)
      .map((edge) => [
        edge.event,
        { target: edge.to, guard: 'approved' as const, actions: 'commit' as const },
      ]),
  );

/**
 * The ticket lifecycle as an xstate v5 machine; its edges are exactly `ticketTransitions`, and its
 * rules are those of `createTicketLifecycle`: drive it with `sendTicketEvent`, which evaluates the
 * configured definition of done and requires a customer-side confirmer. Context is the ticket.
 */
export const ticketMachine = setup({
  types: {
    context: {} as Ticket,
    events: {} as TicketMachineEvent,
    input: {} as Ticket,
  },
  guards: {
    approved: ({ context, event }) => approvals.get(event)?.from === context,
  },
  actions: {
    // Every key is written, so a field the transition removed (a confirmation) is cleared too.
    commit: assign(({ context, event }) => {
      const next = (approvals.get(event) as { next: Ticket }).next;
      const cleared = Object.fromEntries(Object.keys(context).map((key) => [key, undefined]));
      return { ...cleared, ...next };
    }),
  },
}).createMachine({
  id: 'ticket',
  context: ({ input }) => input,
  initial: 'new',
  states: {
    new: { on: edges('new') },
    triaged: { on: edges('triaged') },
    in_progress: { on: edges('in_progress') },
    pending_customer: { on: edges('pending_customer') },
    // A confirmation does not move the ticket.
    resolved: { on: { ...edges('resolved'), confirm: { guard: 'approved', actions: 'commit' } } },
    closed: { type: 'final' },
  },
});

export type TicketActor = XStateActor<typeof ticketMachine>;

const actorSettings = new WeakMap<object, LifecycleSettings>();
// Sends to one actor run one after another: criteria are evaluated against the ticket they move.
const queues = new WeakMap<object, Promise<unknown>>();

/**
 * Starts a ticket actor at the ticket's current status (so stored tickets can be resumed), with
 * the same options as `createTicketLifecycle`: its definition of done and automated actors.
 * @throws InvalidInputError for a malformed ticket or options
 */
export function createTicketActor(
  ticketInput: unknown,
  options: TicketLifecycleOptions = {},
): TicketActor {
  const ticket = parseInput(ticketSchema, ticketInput, 'ticket');
  const settings = resolveLifecycleSettings(options, 'ticket actor options');
  const snapshot = ticketMachine.resolveState({ value: ticket.status, context: ticket });
  const actor = createActor(ticketMachine, { snapshot, input: ticket }).start();
  actorSettings.set(actor, settings);
  return actor;
}

const edgeEvents = [...new Set(ticketTransitions.map((edge) => edge.event))] as [
  TicketEventType,
  ...TicketEventType[],
];
const at = z.number().int().nonnegative().optional();

/** What callers send. Strict: there is no field through which to pass criteria results. */
export const ticketEventInputSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.enum(edgeEvents),
    by: z.string().min(1).optional(),
    reason: z.string().optional(),
    at,
  }),
  confirmationInputSchema.extend({ type: z.literal('confirm'), at }),
]);

export type TicketEventInput = z.input<typeof ticketEventInputSchema>;

export interface SendTicketEventOptions {
  /** Overrides the actor's clock for this event. */
  clock?: Clock;
  abortSignal?: AbortSignal;
}

/**
 * Applies an event through the same pure transition function as `createTicketLifecycle` and
 * returns the updated ticket. Resolving evaluates the actor's own criteria.
 * @throws InvalidTransitionError, ResolutionCriteriaUnmetError, CustomerConfirmationRequiredError,
 * InvalidInputError (malformed event, or a confirmation not from the customer side)
 */
export async function sendTicketEvent(
  actor: TicketActor,
  eventInput: TicketEventInput,
  options: SendTicketEventOptions = {},
): Promise<Ticket> {
  if (typeof (actor as Partial<TicketActor> | null)?.getSnapshot !== 'function') {
    throw new InvalidInputError({
      subject: 'ticket actor',
      issues: [{ path: '', message: 'Expected an actor from createTicketActor' }],
    });
  }
  const { at: eventAt, ...command } = parseInput(
    ticketEventInputSchema,
    eventInput,
    'ticket event',
  ) as TicketCommand & { at?: number };
  const previous = queues.get(actor) ?? Promise.resolve();
  const run = previous.then(async () => {
    const settings = actorSettings.get(actor) ?? resolveLifecycleSettings({}, 'options');
    const clock = options?.clock ?? settings.clock;
    const snapshot = actor.getSnapshot();
    if (snapshot.status === 'stopped') {
      throw new InvalidInputError({
        subject: 'ticket actor',
        issues: [{ path: '', message: 'The actor is stopped; create a new one from the ticket' }],
      });
    }
    const from = snapshot.context;
    const { ticket: next } = await runTicketEvent(from, command, settings, {
      abortSignal: options?.abortSignal,
      at: eventAt ?? clock.now(),
    });
    const event = { type: command.type };
    approvals.set(event, { from, next });
    actor.send(event);
    return actor.getSnapshot().context;
  });
  // A failed send does not block the next one.
  queues.set(
    actor,
    run.catch(() => undefined),
  );
  return run;
}
