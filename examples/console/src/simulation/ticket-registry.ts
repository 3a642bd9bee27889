import type { Decision } from '@guardloop/core';
import type { Proposal, Ticket } from './ticket-cases';

/** How the loop handled one ticket, for the Ticket and Actions pages. */
export interface TicketRecord {
  ticket: Ticket;
  proposal: Proposal;
  decision: Decision | null;
  route: 'autonomous' | 'escalated' | 'denied' | 'saga';
  escalationId?: string;
  saga?: { status: 'done' | 'rolled_back'; failedAction?: string; rolledBack: string[] };
}

/** The host's ticket index (a help desk's own table); guardloop's stores hold the rest. */
export function createTicketRegistry() {
  const records = new Map<string, TicketRecord>();
  return {
    add: (record: TicketRecord) => void records.set(record.ticket.id, record),
    get: (ticketId: string) => records.get(ticketId),
    /** Newest first. */
    list: () => [...records.values()].reverse(),
    get size() {
      return records.size;
    },
  };
}

export type TicketRegistry = ReturnType<typeof createTicketRegistry>;
