import { createManualClock } from '@guardloop/core';
import { createSeededRandom, shuffle } from '@guardloop/core/internal';
import { describe, expect, it } from 'vitest';
import { createOutcomeRecorder } from '../recorder/create-outcome-recorder';
import { humanReviewLimits } from '../schemas/human-review';
import type { OutcomeInput } from '../schemas/outcome-input';
import { dayMs } from '../schemas/time-range';
import type { FeedbackStore } from '../store/feedback-store';
import { createMemoryFeedbackStore } from '../store/memory-feedback-store';
import { createKpis } from './create-kpis';

const monday = Date.UTC(2026, 0, 5);
const minute = 60_000;
const week = { from: monday, to: monday + 7 * dayMs };

const decision = (traceId: string, at: number, extra: Partial<OutcomeInput> = {}) =>
  ({
    id: `${traceId}:decision`,
    type: 'decision',
    traceId,
    verdict: 'escalate',
    confidence: 0.8,
    category: 'billing',
    at,
    ...extra,
  }) as OutcomeInput;

/**
 * Four escalations and one plain decision, hand-computed:
 * t1 approved in 1 min (acknowledged after 10 s), decided again later (ignored, already_decided);
 * t2 rejected in 10 min (acknowledged after 20 s), breach reported on the decision;
 * t3 approved with edits in 90 s after an acknowledge breach; t4 only breached its decide deadline.
 */
const humanReviewFixture: OutcomeInput[] = [
  decision('t1', monday),
  {
    id: 't1:hd',
    type: 'human_decision',
    traceId: 't1',
    at: monday + minute,
    escalationId: 'e1',
    decision: 'approved',
    reviewer: 'r1',
    rail: 'refund-limit',
    action: 'refund',
    acknowledgeMs: 10_000,
    decideMs: minute,
    slaBreached: false,
  },
  {
    id: 't1:hd-again',
    type: 'human_decision',
    traceId: 't1',
    at: monday + 5 * minute,
    escalationId: 'e1',
    decision: 'rejected',
    reviewer: 'r2',
    decideMs: 5 * minute,
    slaBreached: true,
  },
  decision('t2', monday + 1000),
  {
    id: 't2:hd',
    type: 'human_decision',
    traceId: 't2',
    at: monday + 10 * minute,
    escalationId: 'e2',
    decision: 'rejected',
    reviewer: 'r1',
    rail: 'refund-limit',
    action: 'refund',
    acknowledgeMs: 20_000,
    decideMs: 10 * minute,
    slaBreached: true,
    reason: 'not eligible',
  },
  decision('t3', monday + 2000, { channel: 'chat' }),
  {
    id: 't3:breach',
    type: 'sla_breached',
    traceId: 't3',
    at: monday + minute,
    escalationId: 'e3',
    deadline: 'acknowledge',
    rail: 'pii',
    lateMs: 1000,
  },
  {
    id: 't3:hd',
    type: 'human_decision',
    traceId: 't3',
    at: monday + 2 * minute,
    escalationId: 'e3',
    decision: 'approved_with_edits',
    reviewer: 'r3',
    action: 'reply',
    decideMs: 90_000,
    slaBreached: false,
    diff: { body: 'softer' },
  },
  decision('t4', monday + dayMs),
  {
    id: 't4:breach',
    type: 'sla_breached',
    traceId: 't4',
    at: monday + dayMs + 30 * minute,
    escalationId: 'e4',
    deadline: 'decide',
    rail: 'pii',
    action: 'reply',
    lateMs: 60_000,
  },
  decision('t5', monday + dayMs, { verdict: 'allow' }),
];

async function reportOf(outcomes: readonly OutcomeInput[], options = {}) {
  const store: FeedbackStore = createMemoryFeedbackStore();
  const clock = createManualClock(monday + 7 * dayMs);
  const recorder = createOutcomeRecorder({ store, clock });
  for (const outcome of outcomes) await recorder.record(outcome);
  return createKpis({ store, clock, ...options }).queryKpis(week);
}

describe('human review KPIs', () => {
  it('computes decision times, approval and SLA breach rates on a hand-computed fixture', async () => {
    const { counters, metrics } = await reportOf(humanReviewFixture);
    expect(counters).toMatchObject({
      traces: 5,
      humanReviews: 4,
      humanDecisions: 3,
      humanApproved: 1,
      humanApprovedWithEdits: 1,
      humanRejected: 1,
      humanSlaBreached: 3,
      decideMsSum: minute + 10 * minute + 90_000,
      acknowledgements: 2,
      acknowledgeMsSum: 30_000,
      // Two decisions in [1 min, 2 min), one in [10 min, 15 min).
      decideMsBucket04: 2,
      decideMsBucket07: 1,
      // [5 s, 15 s) and [15 s, 30 s).
      acknowledgeMsBucket01: 1,
      acknowledgeMsBucket02: 1,
      // Rejected and edited count as overrides of the AI proposal.
      decisions: 5,
      overridden: 2,
    });
    expect(metrics.approvalRate).toEqual({ value: 1 / 3, numerator: 1, denominator: 3 });
    expect(metrics.slaBreachRate).toEqual({ value: 3 / 4, numerator: 3, denominator: 4 });
    expect(metrics.overrideRate).toMatchObject({ numerator: 2, denominator: 5 });
    // Median: rank 1.5 of 3, in [1 min, 2 min) holding 2: 1 min + 1 min * 1.5 / 2.
    // p90: rank 2.7, in [10 min, 15 min) holding 1: 10 min + 5 min * 0.7.
    expect(metrics.humanDecisionTimeMs).toEqual({
      value: 105_000,
      median: 105_000,
      p90: 810_000,
      mean: 250_000,
      count: 3,
    });
    // Median: rank 1 of 2, the end of [5 s, 15 s); p90: rank 1.8, 15 s + 15 s * 0.8.
    expect(metrics.humanAcknowledgeTimeMs).toEqual({
      value: 15_000,
      median: 15_000,
      p90: 27_000,
      mean: 15_000,
      count: 2,
    });
  });

  it('breaks the rates down per rail and per action', async () => {
    const { humanReview } = await reportOf(humanReviewFixture);
    expect(humanReview.byRail.entries).toEqual([
      {
        key: 'pii',
        approvalRate: { value: 0, numerator: 0, denominator: 1 },
        slaBreachRate: { value: 1, numerator: 2, denominator: 2 },
        counters: { reviews: 2, approved: 0, approvedWithEdits: 1, rejected: 0, slaBreached: 2 },
      },
      {
        key: 'refund-limit',
        approvalRate: { value: 0.5, numerator: 1, denominator: 2 },
        slaBreachRate: { value: 0.5, numerator: 1, denominator: 2 },
        counters: { reviews: 2, approved: 1, approvedWithEdits: 0, rejected: 1, slaBreached: 1 },
      },
    ]);
    expect(humanReview.byRail.rest).toMatchObject({ keys: 0, counters: { reviews: 0 } });
    expect(
      humanReview.byAction.entries.map((entry) => [entry.key, entry.counters.reviews]),
    ).toEqual([
      ['refund', 2],
      ['reply', 2],
    ]);
  });

  it('bounds the breakdowns to maxBreakdownKeys and sums the rest', async () => {
    const { humanReview } = await reportOf(humanReviewFixture, { maxBreakdownKeys: 1 });
    expect(humanReview.byRail.entries.map((entry) => entry.key)).toEqual(['pii']);
    expect(humanReview.byRail.rest).toEqual({
      keys: 1,
      approvalRate: { value: 0.5, numerator: 1, denominator: 2 },
      slaBreachRate: { value: 0.5, numerator: 1, denominator: 2 },
      counters: { reviews: 2, approved: 1, approvedWithEdits: 0, rejected: 1, slaBreached: 1 },
    });
  });

  it('counts unnamed rails and actions under unknown', async () => {
    const { humanReview } = await reportOf([
      decision('t1', monday),
      {
        type: 'human_decision',
        traceId: 't1',
        at: monday + 1,
        escalationId: 'e1',
        decision: 'approved',
        reviewer: 'r1',
        decideMs: 5,
        slaBreached: false,
      },
    ]);
    expect(humanReview.byRail.entries.map((entry) => entry.key)).toEqual(['unknown']);
    expect(humanReview.byAction.entries.map((entry) => entry.key)).toEqual(['unknown']);
  });

  it('gives the same report whatever order the outcomes arrive in', async () => {
    const inOrder = await reportOf(humanReviewFixture);
    for (const seed of [1, 2, 3, 4, 5]) {
      const shuffled = await reportOf(shuffle(humanReviewFixture, createSeededRandom(seed)));
      expect(shuffled.counters).toEqual(inOrder.counters);
      expect(shuffled.metrics).toEqual(inOrder.metrics);
      expect(shuffled.humanReview).toEqual(inOrder.humanReview);
    }
  });

  it('flags a second decision of one escalation and counts only the first', async () => {
    const store = createMemoryFeedbackStore();
    const recorder = createOutcomeRecorder({ store, clock: createManualClock(monday) });
    for (const outcome of humanReviewFixture) await recorder.record(outcome);
    expect((await store.getOutcome('t1:hd-again'))?.flags).toEqual(['already_decided']);
    expect((await store.getTrace('t1'))?.humanReviews).toEqual([
      {
        escalationId: 'e1',
        decision: 'approved',
        rail: 'refund-limit',
        action: 'refund',
        acknowledgeMs: 10_000,
        decideMs: minute,
        slaBreached: false,
      },
    ]);
  });

  it('counts at most humanReviewLimits.reviewsPerTrace escalations per trace', async () => {
    const store = createMemoryFeedbackStore();
    const recorder = createOutcomeRecorder({ store, clock: createManualClock(monday) });
    await recorder.record(decision('t1', monday));
    for (let index = 0; index <= humanReviewLimits.reviewsPerTrace; index++) {
      await recorder.record({
        id: `breach-${index}`,
        type: 'sla_breached',
        traceId: 't1',
        at: monday + index + 1,
        escalationId: `e${index}`,
        deadline: 'decide',
        lateMs: 1,
      });
    }
    const last = `breach-${humanReviewLimits.reviewsPerTrace}`;
    expect((await store.getOutcome(last))?.flags).toEqual(['review_limit_reached']);
    expect((await store.getTrace('t1'))?.humanReviews).toHaveLength(
      humanReviewLimits.reviewsPerTrace,
    );
    const [row] = await store.queryAggregates({});
    expect(row?.counters.humanSlaBreached).toBe(humanReviewLimits.reviewsPerTrace);
  });

  it('reports null times and rates without human reviews', async () => {
    const { metrics, humanReview } = await reportOf([decision('t1', monday)]);
    expect(metrics.humanDecisionTimeMs).toEqual({
      value: null,
      median: null,
      p90: null,
      mean: null,
      count: 0,
    });
    expect(metrics.approvalRate.value).toBeNull();
    expect(metrics.slaBreachRate.value).toBeNull();
    expect(humanReview.byRail).toEqual({
      entries: [],
      rest: {
        keys: 0,
        approvalRate: { value: null, numerator: 0, denominator: 0 },
        slaBreachRate: { value: null, numerator: 0, denominator: 0 },
        counters: { reviews: 0, approved: 0, approvedWithEdits: 0, rejected: 0, slaBreached: 0 },
      },
    });
  });
});
