import type { InboxPriority } from '@guardloop/inbox';

/** A ticket as the help desk received it: the signal the loop starts from. */
export interface Ticket {
  id: string;
  customer: string;
  accountId: string;
  orderId: string;
  category: 'billing' | 'shipping' | 'privacy' | 'account';
  channel: 'email' | 'chat' | 'form';
  subject: string;
  receivedAt: number;
}

/** What the assistant proposes for a ticket: one action, or a saga of steps. */
export type Proposal =
  | { kind: 'action'; name: string; input: Record<string, unknown>; priority: InboxPriority }
  | { kind: 'saga'; steps: Array<{ name: string; input: Record<string, unknown> }> };

export type TicketCaseKind = 'tag' | 'small-refund' | 'large-refund' | 'deletion' | 'return';

export interface TicketCase {
  kind: TicketCaseKind;
  ticket: Omit<Ticket, 'id' | 'receivedAt'>;
  /** For `return`: the courier is down, so the saga fails and rolls back. */
  courierOutage?: boolean;
  refundUsd?: number;
}

const customers = [
  'Ada Byrne',
  'Kenji Mori',
  'Lena Vogt',
  'Omar Haddad',
  'Priya Nair',
  'Tom Reyes',
];
const weights: Array<[TicketCaseKind, number]> = [
  ['tag', 3],
  ['small-refund', 3],
  ['large-refund', 2],
  ['deletion', 1],
  ['return', 1],
];

/** The next ticket of the seeded stream: the same seed gives the same tickets. */
export function drawTicketCase(random: () => number): TicketCase {
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  let pick = random() * total;
  let kind: TicketCaseKind = 'tag';
  for (const [candidate, weight] of weights) {
    pick -= weight;
    if (pick < 0) {
      kind = candidate;
      break;
    }
  }
  const customer = customers[Math.floor(random() * customers.length)] ?? 'Ada Byrne';
  const number = 1000 + Math.floor(random() * 9000);
  const base = {
    customer,
    accountId: `A-${number}`,
    orderId: `O-${number}`,
    channel: (['email', 'chat', 'form'] as const)[Math.floor(random() * 3)] ?? 'email',
  };
  switch (kind) {
    case 'tag':
      return {
        kind,
        ticket: { ...base, category: 'account', subject: 'Upgrade to the premium plan' },
      };
    case 'small-refund':
      return {
        kind,
        refundUsd: 10 + Math.round(random() * 80),
        ticket: { ...base, category: 'billing', subject: 'Charged twice for my order' },
      };
    case 'large-refund':
      return {
        kind,
        refundUsd: 150 + Math.round(random() * 450),
        ticket: { ...base, category: 'billing', subject: 'Refund for a damaged order' },
      };
    case 'deletion':
      return {
        kind,
        ticket: { ...base, category: 'privacy', subject: 'Please delete my account' },
      };
    case 'return':
      return {
        kind,
        courierOutage: random() < 0.5,
        ticket: { ...base, category: 'shipping', subject: 'Pick up the wrong item' },
      };
  }
}

/** The assistant: a fixed proposal per kind of ticket (a model would write these). */
export function proposeFor(ticket: Ticket, ticketCase: TicketCase): Proposal {
  const ticketId = ticket.id;
  switch (ticketCase.kind) {
    case 'tag':
      return {
        kind: 'action',
        name: 'add_tag',
        input: { ticketId, tag: 'vip' },
        priority: 'normal',
      };
    case 'small-refund':
    case 'large-refund':
      return {
        kind: 'action',
        name: 'issue_refund',
        input: { ticketId, orderId: ticket.orderId, amountUsd: ticketCase.refundUsd ?? 50 },
        priority: 'high',
      };
    case 'deletion':
      return {
        kind: 'action',
        name: 'delete_account',
        input: { ticketId, accountId: ticket.accountId },
        priority: 'urgent',
      };
    case 'return':
      return {
        kind: 'saga',
        steps: [
          { name: 'add_tag', input: { ticketId, tag: 'shipping' } },
          { name: 'book_courier', input: { ticketId, orderId: ticket.orderId } },
        ],
      };
  }
}
