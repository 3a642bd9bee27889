import {
  actorSchema,
  hypothesisSchema,
  intentSchema,
  parseInput,
  railResultSchema,
  signalSchema,
} from '@guardloop/core';
import { throwIfAborted } from '@guardloop/core/internal';
import { hashActionInput } from '@guardloop/undo-log';
import { storableJsonSchema, storableTextSchema } from '@guardloop/undo-log/internal';
import { z } from 'zod';
import {
  type InboxItem,
  inboxPrioritySchema,
  type NewInboxItem,
  newInboxItemSchema,
} from '../item/inbox-item';
import type { InboxRuntime } from './inbox-runtime';
import { abortSignalSchema } from './option-schemas';

export const escalateInputSchema = z.object({
  /** One item per trace: escalating a trace again returns its item. */
  traceId: storableTextSchema,
  signal: signalSchema.optional(),
  intent: intentSchema.optional(),
  hypotheses: z.array(hypothesisSchema).max(100).default([]),
  /** The proposed action; absent when a rail escalated the signal itself. */
  action: z
    .object({
      name: storableTextSchema,
      input: storableJsonSchema.default({}),
      resource: storableTextSchema.optional(),
    })
    .optional(),
  /** Who asked for the action (the AI or agent the loop ran for); may not approve it. */
  requestedBy: actorSchema.optional(),
  /** The rail whose verdict escalated. */
  rail: storableTextSchema.optional(),
  reason: z.string().max(10_000),
  evidence: storableJsonSchema.optional(),
  /** Every rail's verdict on the proposed action. */
  verdicts: z.array(railResultSchema).max(1000).default([]),
  priority: inboxPrioritySchema.default('normal'),
  queue: storableTextSchema.default('default'),
  abortSignal: abortSignalSchema.optional(),
});
export type EscalateInput = z.input<typeof escalateInputSchema>;

/** Stores an escalation durably, with its input hash and due times; idempotent per trace. */
export async function escalate(runtime: InboxRuntime, input: EscalateInput): Promise<InboxItem> {
  const { abortSignal, ...escalation } = parseInput(escalateInputSchema, input, 'escalation');
  throwIfAborted(abortSignal);
  const existing = await runtime.store.getByTrace(escalation.traceId, { abortSignal });
  if (existing !== undefined) return existing;
  const now = runtime.clock.now();
  const sla = runtime.sla[escalation.priority] ?? {};
  const due = (ms: number | undefined) =>
    ms === undefined ? null : sla.calendar ? sla.calendar.addBusinessTime(now, ms) : now + ms;
  const action = escalation.action ?? null;
  const item: NewInboxItem = {
    id: runtime.idGenerator(),
    traceId: escalation.traceId,
    signal: escalation.signal ?? null,
    intent: escalation.intent ?? null,
    hypotheses: escalation.hypotheses,
    action: action && {
      name: action.name,
      input: action.input ?? null,
      resource: action.resource ?? null,
    },
    inputHash: action ? hashActionInput(action.input ?? null) : null,
    requestedBy: escalation.requestedBy ?? null,
    rail: escalation.rail ?? null,
    reason: escalation.reason,
    evidence: escalation.evidence ?? null,
    verdicts: escalation.verdicts,
    priority: escalation.priority,
    queue: escalation.queue,
    status: 'pending',
    assignee: null,
    leaseExpiresAt: null,
    acknowledgedAt: null,
    acknowledgeBy: due(sla.acknowledgeWithinMs),
    decideBy: due(sla.decideWithinMs),
    decision: null,
    result: null,
    error: null,
    decidedAt: null,
    revision: 0,
    createdAt: now,
    updatedAt: now,
    history: [
      {
        type: 'escalated',
        at: now,
        ...(escalation.requestedBy ? { actor: escalation.requestedBy } : {}),
        details: { rail: escalation.rail ?? null, reason: escalation.reason },
      },
    ],
  };
  // Everything the store would refuse is refused here, worded for the caller.
  parseInput(newInboxItemSchema, item, 'escalation');
  throwIfAborted(abortSignal);
  return (await runtime.store.insert(item, { abortSignal })).item;
}
