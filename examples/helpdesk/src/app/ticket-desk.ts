import {
  type Clock,
  createTicket,
  createTicketLifecycle,
  GuardloopError,
  type ResolutionCriterion,
  type Ticket,
  type TicketStatus,
} from '@guardloop/core';
import type { UndoLog } from '@guardloop/undo-log';
import type { HelpdeskStore } from './helpdesk-store';
import type { Ticket as IncomingTicket } from './ticket';

/**
 * The tickets' lifecycle (core's table: new -> triaged -> in_progress -> resolved -> closed,
 * reopen back to in_progress) with a definition of done: the action that solved the ticket is
 * still in effect in the undo log, and the customer was told. Closing needs the customer's
 * confirmation.
 */
export function createTicketDesk({
  store,
  undoLog,
  clock,
}: {
  store: HelpdeskStore;
  undoLog: UndoLog;
  clock: Clock;
}) {
  const criteria: ResolutionCriterion[] = [
    {
      id: 'action-in-effect',
      description: 'The action that solved the ticket is done and was not reverted.',
      appliesTo: (ticket) => typeof ticket.data.actionId === 'string',
      check: async (ticket) =>
        (await undoLog.getRecord(String(ticket.data.actionId))).status === 'done',
    },
    {
      id: 'customer-informed',
      description: 'A reply went to the customer and was not recalled.',
      check: (ticket) => store.messagesFor(ticket.id).some((message) => !message.recalled),
    },
  ];
  const lifecycle = createTicketLifecycle({ criteria, clock });
  const get = (ticketId: string) => {
    const ticket = store.ticket(ticketId);
    if (!ticket) throw new Error(`Unknown ticket '${ticketId}'.`);
    return ticket;
  };
  const update = (ticketId: string, data: Record<string, unknown>) => {
    const ticket = get(ticketId);
    store.saveTicket({ ...ticket, data: { ...ticket.data, ...data } });
  };
  /** Moves a ticket; returns false (and leaves it) when the move is not allowed yet. */
  const move = async (ticketId: string, to: TicketStatus, by: string, reason?: string) => {
    try {
      const options = reason ? { by, reason } : { by };
      const { ticket } = await lifecycle.transition(get(ticketId), to, options);
      store.saveTicket(ticket);
      return true;
    } catch (error) {
      // Not done yet (criteria unmet) or not confirmed yet: the ticket stays where it is.
      if (GuardloopError.hasCode(error, 'resolution_criteria_unmet')) return false;
      if (GuardloopError.hasCode(error, 'customer_confirmation_required')) return false;
      throw error;
    }
  };
  return {
    get,
    update,
    move,
    open(event: IncomingTicket, traceId: string): Ticket {
      const ticket = createTicket(
        {
          id: event.id,
          subject: event.subject,
          traceId,
          data: { customerId: event.customerId, channel: event.channel },
        },
        { clock },
      );
      store.saveTicket(ticket);
      return ticket;
    },
    /** Walks the lifecycle edges from the ticket's status to `to` (e.g. new -> in_progress). */
    async advance(ticketId: string, path: readonly TicketStatus[], by: string) {
      // Only forward: steps up to the ticket's current status are already behind it.
      const from = path.indexOf(get(ticketId).status);
      for (const status of path.slice(from + 1)) {
        if (!(await move(ticketId, status, by))) return false;
      }
      return true;
    },
    confirm(ticketId: string, by: string) {
      store.saveTicket(lifecycle.confirm(get(ticketId), { by }));
    },
  };
}

export type TicketDesk = ReturnType<typeof createTicketDesk>;
