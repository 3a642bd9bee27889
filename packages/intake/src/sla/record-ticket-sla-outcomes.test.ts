import { createManualClock } from '@guardloop/core';
import { createKpis, createMemoryFeedbackStore, createOutcomeRecorder } from '@guardloop/feedback';
import { describe, expect, it } from 'vitest';
import { evaluateTicketSla } from './evaluate-ticket-sla';
import { recordTicketSlaOutcomes } from './record-ticket-sla-outcomes';
import { defineSlaPolicies } from './sla-policies';
import type { TicketSlaEventInput } from './ticket-sla-event';

const minute = 60_000;
const hour = 60 * minute;
const t0 = Date.parse('2026-12-01T08:00:00Z');
const policies = defineSlaPolicies([
  {
    id: 'standard',
    targets: { p1: { firstResponseMs: hour, resolutionMs: 8 * hour } },
  },
]);
const created: TicketSlaEventInput = { type: 'created', at: t0, fields: { priority: 'p1' } };

function setup() {
  const store = createMemoryFeedbackStore();
  const clock = createManualClock(t0);
  const feedback = createOutcomeRecorder({ store, clock });
  return { store, clock, feedback };
}

const evaluate = (events: TicketSlaEventInput[], now: number) =>
  evaluateTicketSla({ ticketId: 'T-1', events: [created, ...events] }, policies, { now });

describe('recordTicketSlaOutcomes', () => {
  it('records a breach while the clock runs, then the completion, each once', async () => {
    const { store, feedback } = setup();
    await feedback.record({
      id: 'd1',
      type: 'decision',
      traceId: 'tr-1',
      verdict: 'allow',
      at: t0,
    });
    // 90 minutes in: the first response is 30 minutes past due, still unanswered.
    const running = evaluate([], t0 + 90 * minute);
    expect(
      await recordTicketSlaOutcomes({ feedback, evaluation: running, traceId: 'tr-1' }),
    ).toEqual([
      {
        outcomeId: 'ticket_sla:T-1:first_response:1:breached',
        metric: 'first_response',
        instance: 1,
        kind: 'breached',
        status: 'recorded',
      },
    ]);
    // Later evaluations of the same breach change nothing.
    const later = evaluate([], t0 + 100 * minute);
    const again = await recordTicketSlaOutcomes({ feedback, evaluation: later, traceId: 'tr-1' });
    expect(again.map((record) => record.status)).toEqual(['duplicate']);
    expect(await store.getOutcome('ticket_sla:T-1:first_response:1:breached')).toMatchObject({
      at: t0 + hour,
      elapsedMs: hour,
      breached: true,
      completed: false,
      policy: 'standard',
      priority: 'p1',
    });

    const events: TicketSlaEventInput[] = [
      { type: 'agent_replied', at: t0 + 2 * hour },
      { type: 'status_changed', at: t0 + 5 * hour, status: 'resolved' },
    ];
    const solved = evaluate(events, t0 + 6 * hour);
    const records = await recordTicketSlaOutcomes({
      feedback,
      evaluation: solved,
      traceId: 'tr-1',
    });
    expect(records.map(({ outcomeId, status }) => [outcomeId, status])).toEqual([
      ['ticket_sla:T-1:first_response:1:completed', 'recorded'],
      ['ticket_sla:T-1:resolution:1:completed', 'recorded'],
    ]);
    expect(await store.getOutcome('ticket_sla:T-1:first_response:1:completed')).toMatchObject({
      at: t0 + 2 * hour,
      elapsedMs: 2 * hour,
      breached: true,
      lateMs: hour,
    });
    expect(await store.getOutcome('ticket_sla:T-1:resolution:1:completed')).toMatchObject({
      elapsedMs: 5 * hour,
      breached: false,
    });
    expect(await store.getOutcome('ticket_sla:T-1:resolution:1:completed')).not.toHaveProperty(
      'lateMs',
    );

    const report = await createKpis({ store }).queryKpis({ from: t0, to: t0 + 1 });
    expect(report.metrics.ticketSlaBreachRate).toMatchObject({ numerator: 1, denominator: 2 });
    expect(report.metrics.ticketSlaFirstResponseTimeMs).toMatchObject({ count: 1, mean: 2 * hour });
    expect(report.metrics.ticketSlaResolutionTimeMs).toMatchObject({ count: 1, mean: 5 * hour });
    expect(report.ticketSla.byPriority.entries.map((entry) => entry.key)).toEqual(['p1']);
  });

  it('records nothing for runs inside their target or a ticket without a policy', async () => {
    const { feedback } = setup();
    const inside = evaluate([], t0 + 10 * minute);
    expect(
      await recordTicketSlaOutcomes({ feedback, evaluation: inside, traceId: 'tr-1' }),
    ).toEqual([]);
    const unmatched = evaluateTicketSla(
      { ticketId: 'T-2', events: [{ type: 'created', at: t0, fields: { priority: 'p4' } }] },
      policies,
      { now: t0 + 100 * hour },
    );
    expect(
      await recordTicketSlaOutcomes({ feedback, evaluation: unmatched, traceId: 'tr-2' }),
    ).toEqual([]);
  });

  it.each([
    ['no options', undefined],
    ['a missing trace id', { traceId: undefined }],
    ['an empty trace id', { traceId: '' }],
    ['a recorder without record', { feedback: {} }],
    ['an evaluation that is not one', { evaluation: { ticketId: 'T-1' } }],
    ['a negative elapsed time', { metrics: [{ elapsedMs: -1 }] }],
    ['an unknown option', { colour: 'red' }],
  ])('rejects %s with invalid_input', async (_, change) => {
    const { feedback } = setup();
    const evaluation = evaluate([], t0 + 90 * minute);
    const options =
      change === undefined
        ? undefined
        : 'metrics' in change
          ? {
              feedback,
              traceId: 'tr-1',
              evaluation: {
                ...evaluation,
                metrics: evaluation.metrics.map((run) => ({ ...run, ...change.metrics[0] })),
              },
            }
          : { feedback, evaluation, traceId: 'tr-1', ...change };
    await expect(recordTicketSlaOutcomes(options as never)).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('rejects a policy id longer than a KPI breakdown key with invalid_outcome', async () => {
    const { feedback } = setup();
    const evaluation = { ...evaluate([], t0 + 90 * minute), policyId: 'p'.repeat(129) };
    await expect(
      recordTicketSlaOutcomes({ feedback, evaluation, traceId: 'tr-1' }),
    ).rejects.toMatchObject({ code: 'invalid_outcome' });
  });

  it('rejects with the abort reason when aborted', async () => {
    const { feedback } = setup();
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      recordTicketSlaOutcomes({
        feedback,
        evaluation: evaluate([], t0 + 90 * minute),
        traceId: 'tr-1',
        abortSignal: controller.signal,
      }),
    ).rejects.toThrow('stop');
  });
});
