import { z } from 'zod';
import { GuardloopError } from '../errors/guardloop-error';
import { toInputIssues } from '../errors/invalid-input-error';
import { StoreUnavailableError } from '../errors/store-unavailable-error';
import { summarizeIssues } from '../errors/summarize-issues';
import { actorSchema } from '../schemas/actor';
import { type Hypothesis, hypothesisSchema } from '../schemas/hypothesis';
import { intentSchema } from '../schemas/intent';
import { signalSchema } from '../schemas/signal';
import { raceAbort } from '../utils/abort';
import type { HumanDecision } from './human-decision';
import type { LoopEscalationSink } from './loop-escalation-sink';
import type { Escalation } from './loop-types';

const record = z.record(z.string(), z.unknown());

// What resume reads of a stored escalation; anything else the inbox keeps is its own business.
const itemSchema = z.object({
  id: z.string().min(1),
  traceId: z.string().min(1),
  status: z.enum(['pending', 'approving', 'approved', 'rejected', 'failed']),
  signal: signalSchema,
  intent: intentSchema.nullish(),
  hypotheses: z.array(hypothesisSchema),
  // Null for an escalation without a proposed action.
  action: z
    .object({
      name: z.string().min(1),
      input: z.unknown(),
      resource: z.string().nullish(),
    })
    .nullish(),
  // The loop always says who it ran for; the resumed run is theirs.
  requestedBy: actorSchema,
  rail: z.string().nullish(),
  reason: z.string(),
  evidence: z.unknown(),
  decision: z
    .object({
      kind: z.enum(['approve', 'approve_with_edits', 'reject']),
      reviewer: actorSchema,
      note: z.string().optional(),
      input: z.unknown().optional(),
    })
    .nullish(),
  result: z.unknown(),
  error: z.object({ code: z.string(), message: z.string() }).nullish(),
});

type Item = z.output<typeof itemSchema>;

/** A stored escalation as the loop resumes it. */
export interface ReadEscalation {
  escalationId: string;
  traceId: string;
  signal: Item['signal'];
  intent: Item['intent'];
  hypotheses: Hypothesis[];
  /** The hypothesis whose action was escalated, with the escalated input; absent without one. */
  hypothesis?: Hypothesis;
  requestedBy: Item['requestedBy'];
  escalation: Escalation;
  /** Absent while the escalation still waits for a human. */
  human?: HumanDecision;
}

const asRecord = (value: unknown) => {
  const parsed = record.safeParse(value);
  return parsed.success ? parsed.data : {};
};

/** The ranked hypothesis that proposed the escalated action, or one standing in for it. */
function escalatedHypothesis(item: Item, hypotheses: Hypothesis[]): Hypothesis | undefined {
  if (item.action == null) return undefined;
  const action = {
    name: item.action.name,
    input: asRecord(item.action.input),
    ...(item.action.resource ? { resource: item.action.resource } : {}),
  };
  const proposed = hypotheses.find((candidate) => candidate.action?.name === action.name);
  if (proposed?.action) return { ...proposed, action: { ...proposed.action, ...action } };
  return hypothesisSchema.parse({
    id: `escalation:${item.id}`,
    title: `Escalated action '${action.name}'`,
    confidence: 0,
    action,
  });
}

function humanDecision(item: Item): HumanDecision | undefined {
  const { decision } = item;
  // `approving`: decided, but the inbox is still running the action; `pending`: undecided.
  if (
    decision == null ||
    (item.status !== 'approved' && item.status !== 'rejected' && item.status !== 'failed')
  )
    return undefined;
  const common = { escalationId: item.id, reviewer: decision.reviewer };
  if (decision.kind === 'reject') {
    // A rejecting reviewer's own action may have failed (`failed`): the proposed one never ran.
    return { kind: 'rejected', ...common, ...(decision.note ? { reason: decision.note } : {}) };
  }
  return {
    kind: decision.kind === 'approve' ? 'approved' : 'approved_with_edits',
    ...common,
    input: asRecord(decision.input === undefined ? item.action?.input : decision.input),
    result: item.result ?? null,
    ...(item.status === 'failed'
      ? { error: item.error ?? { code: 'action_failed', message: 'The approved action failed.' } }
      : {}),
  };
}

/**
 * Reads escalation `id` from the sink. The sink's own errors (an unknown id) pass through;
 * anything else that fails, or an answer the loop cannot use, is a `StoreUnavailableError`.
 */
export async function readEscalation(
  sink: LoopEscalationSink & Required<Pick<LoopEscalationSink, 'get'>>,
  id: string,
  abortSignal: AbortSignal | undefined,
): Promise<ReadEscalation> {
  let stored: unknown;
  try {
    stored = await raceAbort(
      Promise.resolve().then(() => sink.get(id, abortSignal ? { abortSignal } : {})),
      abortSignal,
    );
  } catch (error) {
    if (abortSignal?.aborted || GuardloopError.isInstance(error)) throw error;
    throw new StoreUnavailableError({ operation: 'inbox.get', cause: error });
  }
  const parsed = itemSchema.safeParse(stored);
  if (!parsed.success || parsed.data.id !== id) {
    throw new StoreUnavailableError({
      operation: 'inbox.get',
      message: `The inbox returned escalation '${id}' in a form the loop cannot resume: ${
        parsed.success
          ? `its id is '${parsed.data.id}'`
          : summarizeIssues(toInputIssues(parsed.error.issues))
      }`,
    });
  }
  const item = parsed.data;
  const hypotheses = [...item.hypotheses].sort((a, b) => b.confidence - a.confidence);
  const human = humanDecision(item);
  const hypothesis = escalatedHypothesis(item, hypotheses);
  return {
    escalationId: item.id,
    traceId: item.traceId,
    signal: item.signal,
    intent: item.intent,
    hypotheses,
    ...(hypothesis ? { hypothesis } : {}),
    requestedBy: item.requestedBy,
    escalation: {
      // Only the hypotheses step escalates without a proposed action.
      step: hypothesis ? 'decision' : 'hypotheses',
      reason: item.reason,
      ...(item.rail ? { rail: item.rail } : {}),
      ...(item.evidence == null ? {} : { evidence: item.evidence }),
    },
    ...(human ? { human } : {}),
  };
}
