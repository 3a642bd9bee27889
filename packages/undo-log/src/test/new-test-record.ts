import type { NewUndoLogRecord } from '../record/undo-log-record';

let counter = 0;

/** A valid `pending` record for store tests; unique id, key and trace unless overridden. */
export function newTestRecord(overrides: Partial<NewUndoLogRecord> = {}): NewUndoLogRecord {
  counter += 1;
  const unique = `${Date.now().toString(36)}-${counter}`;
  return {
    id: `action-${unique}`,
    actionName: 'test_action',
    idempotencyKey: `key-${unique}`,
    inputHash: 'hash',
    input: { ticketId: 'T-1', nested: { list: [1, 'two', null], text: 'Grüße ✓' } },
    snapshot: null,
    result: null,
    error: null,
    status: 'pending',
    reversible: true,
    traceId: `trace-${unique}`,
    actor: { id: 'agent-1', type: 'ai', roles: ['support'] },
    approval: null,
    undo: null,
    attempts: 0,
    leaseOwner: 'owner-a',
    leaseExpiresAt: 2_000,
    createdAt: 1_000,
    updatedAt: 1_000,
    ...overrides,
  };
}
