import { createManualClock } from '@guardloop/core';
import {
  createKpis,
  createMemoryFeedbackStore,
  createOutcomeRecorder,
  type FeedbackStore,
  type OutcomeInput,
} from '@guardloop/feedback';
import { describe, expect, it } from 'vitest';
import { describeWithPostgres, useTestDatabase } from '../test-support/test-databases';
import { createPostgresFeedbackStore } from './postgres-feedback-store';

const monday = Date.UTC(2026, 0, 5);
const day = 86_400_000;

const review = (
  traceId: string,
  at: number,
  decision: 'approved' | 'approved_with_edits' | 'rejected',
  rail: string,
): OutcomeInput => ({
  type: 'human_decision',
  traceId,
  at,
  escalationId: `${traceId}:e`,
  decision,
  reviewer: 'reviewer-1',
  rail,
  action: 'refund',
  acknowledgeMs: 20_000,
  decideMs: 3 * 60_000,
  slaBreached: decision === 'rejected',
  diff: { amount: [40, 20] },
});

/** Escalations over two days, one trace moved to another queue after its review. */
const outcomes: OutcomeInput[] = [
  { type: 'escalated', traceId: 't1', category: 'billing', queue: 'q1', at: monday },
  review('t1', monday + 1000, 'approved', 'refund-limit'),
  { type: 'escalated', traceId: 't2', category: 'billing', queue: 'q1', at: monday + day },
  review('t2', monday + day + 1000, 'rejected', 'refund-limit'),
  { type: 'escalated', traceId: 't3', category: 'tech', queue: 'q2', at: monday },
  {
    type: 'sla_breached',
    traceId: 't3',
    at: monday + 5000,
    escalationId: 't3:e',
    deadline: 'acknowledge',
    rail: 'pii',
    lateMs: 5000,
  },
  review('t3', monday + 6000, 'approved_with_edits', 'pii'),
  { type: 'routed', traceId: 't3', queue: 'q3', at: monday + 7000 },
];

async function reportOf(store: FeedbackStore) {
  const clock = createManualClock(monday + 7 * day);
  const recorder = createOutcomeRecorder({ store, clock });
  for (const outcome of outcomes) await recorder.record(outcome);
  const kpis = createKpis({ store, clock });
  const week = { from: monday, to: monday + 7 * day };
  return {
    all: await kpis.queryKpis(week),
    q3: await kpis.queryKpis(week, { queue: 'q3' }),
    trace: await store.getTrace('t3'),
  };
}

function humanReviewKpisOnPostgres(createStore: () => Promise<FeedbackStore>) {
  it('reports the same human review KPIs as the memory store', async () => {
    const expected = await reportOf(createMemoryFeedbackStore());
    const actual = await reportOf(await createStore());
    expect(actual).toEqual(expected);
    expect(actual.all.metrics.approvalRate).toMatchObject({ numerator: 1, denominator: 3 });
    expect(actual.all.metrics.slaBreachRate).toMatchObject({ numerator: 2, denominator: 3 });
    expect(actual.all.metrics.humanDecisionTimeMs.count).toBe(3);
    expect(actual.q3.humanReview.byRail.entries.map((entry) => entry.key)).toEqual(['pii']);
  });
}

const database = useTestDatabase('pglite', 'feedback_human_reviews');
describe('human review KPIs on PGlite', () => {
  humanReviewKpisOnPostgres(async () =>
    createPostgresFeedbackStore({
      client: await database.client(),
      schema: await database.newSchema(),
    }),
  );
});

describeWithPostgres('human review KPIs on a real PostgreSQL server', () => {
  const server = useTestDatabase('postgres', 'feedback_human_reviews_real');
  humanReviewKpisOnPostgres(async () =>
    createPostgresFeedbackStore({
      client: await server.client(),
      schema: await server.newSchema(),
    }),
  );
});
