import {
  allow,
  createManualClock,
  createSequentialIdGenerator,
  deny,
  type Rail,
} from '@guardloop/core';
import { createMemoryUndoLogStore, createUndoLog, defineAction } from '@guardloop/undo-log';
import { z } from 'zod';
import { createInboxApprovalVerifier } from '../approval/create-inbox-approval-verifier';
import { createInbox, type InboxOptions } from '../inbox/create-inbox';
import type { InboxStore } from '../store/inbox-store';

/** The manual clock's start (epoch ms). */
export const testNow = 1_700_000_000_000;

export const reviewers = {
  tier1: { id: 'lea', type: 'human' as const, roles: ['tier-1'] },
  tier1b: { id: 'max', type: 'human' as const, roles: ['tier-1'] },
  tier2: { id: 'sam', type: 'human' as const, roles: ['tier-2'] },
  agent: { id: 'ai-agent', type: 'ai' as const, roles: ['tier-2'] },
};

/** tier-1 decides refunds only; tier-2 refunds and account deletions. */
export const reviewerPolicy = {
  actions: ['refund', 'delete_account'],
  roles: {
    'tier-1': { allow: [{ action: 'refund' }] },
    'tier-2': { inherits: ['tier-1'], allow: [{ action: 'delete_account' }] },
  },
};

/** Refunds above 500 are denied outright, whoever approves them. */
export const refundLimitRail: Rail = {
  name: 'refund-limit',
  kind: 'deterministic',
  evaluate: (context) =>
    Number((context.action?.input as { amount?: number } | undefined)?.amount) > 500
      ? deny('Refunds above 500 EUR are never made.')
      : allow('Within the refund limit.'),
};

/**
 * An inbox over `store` with a memory undo log whose actions count their runs, the reviewer
 * policy above, SLA clocks for `normal` and `urgent`, and the inbox's approval verifier.
 */
export function createTestInbox(
  store: InboxStore,
  overrides: { [Key in keyof InboxOptions]?: InboxOptions[Key] | undefined } = {},
) {
  const clock = createManualClock(testNow);
  const runs: string[] = [];
  const refund = defineAction({
    name: 'refund',
    input: z.object({ orderId: z.string().min(1), amount: z.number().positive() }),
    reversible: true,
    do: (input) => {
      if (input.orderId === 'o-fail') throw new Error('payment provider refused the refund');
      runs.push(`refund ${input.orderId} ${input.amount}`);
      return { refundId: `r-${runs.length}` };
    },
    undo: () => {},
  });
  const deleteAccount = defineAction({
    name: 'delete_account',
    input: z.object({ accountId: z.string().min(1) }),
    reversible: false,
    do: (input) => {
      runs.push(`delete ${input.accountId}`);
      return { deleted: true };
    },
  });
  const undoLogStore = createMemoryUndoLogStore();
  const undoLog = createUndoLog({
    store: undoLogStore,
    actions: [refund, deleteAccount],
    clock,
    verifyApproval: createInboxApprovalVerifier({ store }),
  });
  const options: InboxOptions = {
    store,
    clock,
    idGenerator: createSequentialIdGenerator(`esc-${Math.random().toString(36).slice(2, 8)}`),
    reviewers: { policy: reviewerPolicy },
    sla: {
      normal: { acknowledgeWithinMs: 60 * 60_000, decideWithinMs: 4 * 60 * 60_000 },
      urgent: { acknowledgeWithinMs: 5 * 60_000, decideWithinMs: 30 * 60_000 },
    },
    undoLog,
    actions: [refund, deleteAccount],
    rails: [refundLimitRail],
    ...overrides,
  } as InboxOptions;
  return { inbox: createInbox(options), clock, runs, undoLog, undoLogStore, options };
}

let traces = 0;
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** An escalation of a 40 EUR refund asked for by the AI agent, on a fresh trace. */
export function refundEscalation(overrides: Record<string, unknown> = {}) {
  traces += 1;
  return {
    traceId: `t-${run}-${traces}`,
    action: { name: 'refund', input: { orderId: `o-${traces}`, amount: 40 } },
    requestedBy: reviewers.agent,
    rail: 'refund-limit',
    reason: 'Refunds over 25 EUR need a human.',
    evidence: { amount: 40 },
    priority: 'normal' as const,
    queue: 'billing',
    ...overrides,
  };
}
