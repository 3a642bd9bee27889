/**
 * The help desk's own data, which the actions change: what a host's database would hold. Kept
 * in memory so the console shows each effect (and its reversal) without another store.
 */
export interface DeskState {
  tags: Map<string, Set<string>>;
  refunds: Map<string, { orderId: string; amountUsd: number }>;
  deletedAccounts: Set<string>;
  courierBookings: Set<string>;
  /** The courier's API is down for these tickets: booking fails and the saga rolls back. */
  courierOutages: Set<string>;
}

export function createDeskState(): DeskState {
  return {
    tags: new Map(),
    refunds: new Map(),
    deletedAccounts: new Set(),
    courierBookings: new Set(),
    courierOutages: new Set(),
  };
}

/** What the desk shows for one ticket: the visible effect of its actions. */
export function describeTicketEffects(state: DeskState, ticketId: string, accountId: string) {
  return {
    tags: [...(state.tags.get(ticketId) ?? [])].sort(),
    refund: state.refunds.get(ticketId) ?? null,
    courierBooked: state.courierBookings.has(ticketId),
    accountDeleted: state.deletedAccounts.has(accountId),
  };
}
