import { type TicketEventType, type TicketStatus, ticketTransitions } from '@guardloop/core';

/**
 * The shortest run of lifecycle events that takes a ticket from `from` to `to` (`[]` when they
 * are equal or `to` cannot be reached): a help desk may skip states guardloop has, e.g. a new
 * ticket that is opened at once is triaged and started.
 */
export function lifecyclePath(from: TicketStatus, to: TicketStatus): TicketEventType[] {
  const paths = new Map<TicketStatus, TicketEventType[]>([[from, []]]);
  const queue: TicketStatus[] = [from];
  for (let status = queue.shift(); status !== undefined; status = queue.shift()) {
    if (status === to) return paths.get(status) ?? [];
    for (const edge of ticketTransitions) {
      if (edge.from !== status || paths.has(edge.to)) continue;
      paths.set(edge.to, [...(paths.get(status) ?? []), edge.event]);
      queue.push(edge.to);
    }
  }
  return [];
}
