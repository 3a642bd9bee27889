import { parseInput } from '@guardloop/core';
import { abortSignalSchema, storableTextSchema, throwIfAborted } from '@guardloop/core/internal';
import type { OutcomeRecorder, TicketSlaOutcomeInput } from '@guardloop/feedback';
import { z } from 'zod';
import { slaKeySchema } from './sla-key';
import type { SlaMetric } from './sla-policies';
import { slaMetrics } from './sla-policies';
import type { TicketSlaEvaluation } from './view-ticket-sla';

export interface RecordTicketSlaOutcomesOptions {
  /** `createOutcomeRecorder(...)` (or a buffered recorder) of @guardloop/feedback. */
  feedback: Pick<OutcomeRecorder, 'record'>;
  /** What `evaluateTicketSla`, `monitor.record` or `monitor.evaluate` returned for the ticket. */
  evaluation: TicketSlaEvaluation;
  /** The ticket's decision trace, which the outcomes are recorded on. */
  traceId: string;
  abortSignal?: AbortSignal;
}

/** One `ticket_sla` outcome the call recorded (or found recorded before). */
export interface TicketSlaOutcomeRecord {
  /** `ticket_sla:<ticket>:<metric>:<instance>:<completed|breached>`. */
  outcomeId: string;
  metric: SlaMetric;
  instance: number;
  /** `completed`: the clock stopped (met or missed); `breached`: past due while still running. */
  kind: 'completed' | 'breached';
  /** `duplicate`: recorded before (by an earlier call or another process). */
  status: 'recorded' | 'duplicate';
}

const epoch = z.int().nonnegative();
// Only the fields used here are checked: an evaluation of a newer intake passes as it is.
const evaluationSchema = z.object({
  ticketId: slaKeySchema,
  policyId: slaKeySchema.nullable(),
  priority: slaKeySchema.nullable(),
  metrics: z.array(
    z.object({
      metric: z.enum(slaMetrics),
      instance: z.int().min(1),
      targetMs: epoch,
      stoppedAt: epoch.nullable(),
      elapsedMs: epoch,
      dueAt: epoch.nullable(),
      status: z.enum(['running', 'paused', 'breached', 'met', 'missed']),
      lateMs: epoch,
    }),
  ),
});
const optionsSchema = z.strictObject({
  feedback: z.custom<Pick<OutcomeRecorder, 'record'>>(
    (value) => typeof (value as OutcomeRecorder | null)?.record === 'function',
    { message: 'Expected an outcome recorder (createOutcomeRecorder from @guardloop/feedback)' },
  ),
  evaluation: evaluationSchema,
  traceId: storableTextSchema({ label: 'traceId', maxBytes: 512 }),
  abortSignal: abortSignalSchema.optional(),
});

/** A priority the ticket has no value for is counted under feedback's `unknown` key. */
const unknownPriority = 'unknown';

/**
 * Records the `ticket_sla` outcomes of a ticket's SLA evaluation on its decision trace: one per
 * metric run that completed (met or missed) and one per run past due while still running
 * (recorded at its due time, with the target as its measured time). Runs still inside their
 * target give none. Idempotent: each outcome id comes from the ticket, metric, instance and
 * kind, so calling it after every ticket event or SLA signal records each outcome once.
 * @throws InvalidInputError (`invalid_input`) for malformed options
 * @throws InvalidOutcomeError (`invalid_outcome`, from @guardloop/feedback) for a policy id or
 * priority longer than a KPI breakdown key (128 bytes)
 * @throws OutcomeConflictError (`outcome_conflict`, from @guardloop/feedback) when a run was
 * recorded with other values (a policy or calendar changed since)
 * @throws the abort reason when aborted
 */
export async function recordTicketSlaOutcomes(
  options: RecordTicketSlaOutcomesOptions,
): Promise<TicketSlaOutcomeRecord[]> {
  const { feedback, evaluation, traceId, abortSignal } = parseInput(
    optionsSchema,
    options,
    'recordTicketSlaOutcomes options',
  );
  throwIfAborted(abortSignal);
  const { ticketId, policyId } = evaluation;
  if (policyId === null) return [];
  const records: TicketSlaOutcomeRecord[] = [];
  for (const run of evaluation.metrics) {
    const completed = run.stoppedAt !== null && (run.status === 'met' || run.status === 'missed');
    const breached = run.status === 'breached' && run.dueAt !== null;
    if (!completed && !breached) continue;
    const kind = completed ? 'completed' : 'breached';
    const outcomeId = `ticket_sla:${ticketId}:${run.metric}:${run.instance}:${kind}`;
    const outcome: TicketSlaOutcomeInput = {
      id: outcomeId,
      type: 'ticket_sla',
      traceId,
      ticketId,
      policy: policyId,
      priority: evaluation.priority ?? unknownPriority,
      metric: run.metric,
      instance: run.instance,
      targetMs: run.targetMs,
      ...(completed
        ? {
            at: run.stoppedAt as number,
            elapsedMs: run.elapsedMs,
            breached: run.status === 'missed',
            ...(run.status === 'missed' ? { lateMs: run.lateMs } : {}),
            completed: true,
          }
        : // The values at the due time, not now: recording it again gives the same outcome.
          { at: run.dueAt as number, elapsedMs: run.targetMs, breached: true, completed: false }),
    };
    const result = await feedback.record(outcome, { abortSignal });
    records.push({
      outcomeId,
      metric: run.metric,
      instance: run.instance,
      kind,
      status: result.status,
    });
  }
  return records;
}
