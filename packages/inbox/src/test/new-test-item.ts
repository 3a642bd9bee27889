import type { NewInboxItem } from '../item/inbox-item';

let count = 0;
// Unique across test files that share one database (one run gives each file its own process).
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A valid pending item with unique id and trace; override any field. */
export function newTestItem(overrides: Partial<NewInboxItem> = {}): NewInboxItem {
  count += 1;
  return {
    id: `item-${run}-${count}`,
    traceId: `trace-${run}-${count}`,
    signal: null,
    intent: { label: 'refund_request', confidence: 0.62, abstained: false },
    hypotheses: [],
    action: { name: 'refund', input: { orderId: 'o-1', amount: 40 }, resource: null },
    inputHash: 'hash',
    requestedBy: { id: 'ai-agent', type: 'ai', roles: [] },
    rail: 'refund-limit',
    reason: 'Refunds over 25 EUR need a human.',
    evidence: { amount: 40 },
    verdicts: [],
    priority: 'normal',
    queue: 'billing',
    status: 'pending',
    assignee: null,
    leaseExpiresAt: null,
    acknowledgedAt: null,
    acknowledgeBy: null,
    decideBy: null,
    decision: null,
    result: null,
    error: null,
    decidedAt: null,
    revision: 0,
    createdAt: 1_000,
    updatedAt: 1_000,
    history: [{ type: 'escalated', at: 1_000 }],
    ...overrides,
  };
}
