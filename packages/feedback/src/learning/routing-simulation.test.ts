import { createManualClock } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { compareKpiReports } from '../kpi/compare-kpi-reports';
import { createKpis } from '../kpi/create-kpis';
import { createOutcomeRecorder, type OutcomeRecorder } from '../recorder/create-outcome-recorder';
import type { OutcomeInput } from '../schemas/outcome-input';
import { dayMs } from '../schemas/time-range';
import { createMemoryFeedbackStore } from '../store/memory-feedback-store';
import { createOutcomeRouter } from './create-outcome-router';
import { createSeededRandom } from './create-seeded-random';

const start = Date.UTC(2026, 0, 5);
const queues = ['queue-a', 'queue-b', 'queue-c'];
/** True first-contact-resolution rates: queue-b is much better for billing; tech does not care. */
const fcrRate: Record<string, Record<string, number>> = {
  billing: { 'queue-a': 0.45, 'queue-b': 0.85, 'queue-c': 0.45 },
  tech: { 'queue-a': 0.6, 'queue-b': 0.6, 'queue-c': 0.6 },
};
const ticketCount = 1200;
const spacingMs = (28 * dayMs) / ticketCount;
/** Outcomes arrive a few tickets later, as in a real helpdesk. */
const feedbackDelay = 10;

/** The same tickets for both policies (common random numbers): category, outcome draw, reopen draw. */
function tickets(seed: number) {
  const world = createSeededRandom(seed);
  return Array.from({ length: ticketCount }, (_, index) => ({
    traceId: `t${index}`,
    at: start + index * spacingMs,
    category: world() < 0.5 ? 'billing' : 'tech',
    outcomeDraw: world(),
    reopenDraw: world(),
  }));
}

type Policy = (
  ticket: ReturnType<typeof tickets>[number],
  recorder: OutcomeRecorder,
) => Promise<string>;

async function simulate(policy: (recorder: OutcomeRecorder) => Policy) {
  const store = createMemoryFeedbackStore();
  const clock = createManualClock(start);
  const recorder = createOutcomeRecorder({ store, clock });
  const route = policy(recorder);
  const pending: OutcomeInput[][] = [];
  const billingAssignments: string[] = [];
  for (const ticket of tickets(2026)) {
    clock.set(ticket.at);
    const queue = await route(ticket, recorder);
    if (ticket.category === 'billing') billingAssignments.push(queue);
    const firstContact = ticket.outcomeDraw < (fcrRate[ticket.category]?.[queue] ?? 0);
    const outcomes: OutcomeInput[] = [{ type: 'resolved', traceId: ticket.traceId, firstContact }];
    if (firstContact && ticket.reopenDraw < 0.05) {
      outcomes.push({ type: 'reopened', traceId: ticket.traceId, reason: 'came back' });
    }
    pending.push(outcomes);
    if (pending.length > feedbackDelay)
      for (const outcome of pending.shift() ?? []) await recorder.record(outcome);
  }
  for (const outcome of pending.flat()) await recorder.record(outcome);
  return { kpis: createKpis({ store, clock }), billingAssignments };
}

const learned = (recorder: OutcomeRecorder): Policy => {
  const router = createOutcomeRouter({
    recorder,
    queues: { billing: queues, tech: queues },
    random: createSeededRandom(7),
  });
  return async (ticket) => {
    const suggestion = await router.suggest({ traceId: ticket.traceId, category: ticket.category });
    await router.confirm(suggestion, { by: 'system' });
    return suggestion.queue;
  };
};

const uniform = (): Policy => {
  const random = createSeededRandom(7);
  return async (ticket, recorder) => {
    const queue = queues[Math.floor(random() * queues.length)] as string;
    await recorder.record({
      type: 'routed',
      traceId: ticket.traceId,
      category: ticket.category,
      queue,
    });
    return queue;
  };
};

describe('outcome-based routing simulation (seeded)', () => {
  it('converges to the better queue and improves first contact resolution over uniform routing', async () => {
    const baseline = await simulate(uniform);
    const adaptive = await simulate(learned);
    const lastAssignments = adaptive.billingAssignments.slice(-150);
    const share =
      lastAssignments.filter((queue) => queue === 'queue-b').length / lastAssignments.length;
    expect(share).toBeGreaterThan(0.8);

    const range = { from: start, to: start + 29 * dayMs };
    const before = await baseline.kpis.queryKpis(range, { category: 'billing' });
    const after = await adaptive.kpis.queryKpis(range, { category: 'billing' });
    const fcr = compareKpiReports(before, after).deltas.find(
      (delta) => delta.metric === 'firstContactResolution',
    );
    expect(fcr?.direction).toBe('good');
    expect(fcr?.delta).toBeGreaterThan(0.12);
    expect(fcr?.pValue).toBeLessThan(0.01);

    // Within the adaptive run, the last week beats the first week for billing too.
    const weeks = await adaptive.kpis.compareKpis(
      { from: start, to: start + 7 * dayMs },
      { from: start + 21 * dayMs, to: start + 28 * dayMs },
      { category: 'billing' },
    );
    expect(weeks.deltas.find((delta) => delta.metric === 'firstContactResolution')?.direction).toBe(
      'good',
    );
    // Tech has no better queue: no category is harmed by learning.
    const techBefore = await baseline.kpis.queryKpis(range, { category: 'tech' });
    const techAfter = await adaptive.kpis.queryKpis(range, { category: 'tech' });
    const techDelta =
      (techAfter.metrics.firstContactResolution.value ?? 0) -
      (techBefore.metrics.firstContactResolution.value ?? 0);
    expect(Math.abs(techDelta)).toBeLessThan(0.08);
  });
});
