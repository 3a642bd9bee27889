import { createManualClock } from '@guardloop/core';
import {
  createOutcomeRecorder,
  emptyKpiCounters,
  type FeedbackStore,
  type OutcomeInput,
  readAllPages,
} from '@guardloop/feedback';
import { fixtureDay } from '@guardloop/feedback/test';
import { describe, expect, it } from 'vitest';
import {
  describeWithPostgres,
  type TestDatabase,
  useTestDatabase,
} from '../test-support/test-databases';
import { createPostgresFeedbackStore } from './postgres-feedback-store';

const at = fixtureDay + 3_600_000;
const traceIds = ['t1', 't2', 't3'];
const scores = [5, 4, 1, 3, 2, 5, 4, 4, 1, 2];

/** Per trace: a decision, ten CSAT scores and six macro uses (every other one edited). */
const inputs: OutcomeInput[] = traceIds.flatMap((traceId): OutcomeInput[] => [
  {
    id: `${traceId}-decision`,
    traceId,
    type: 'decision',
    verdict: 'allow',
    at,
    category: 'billing',
    channel: 'email',
    queue: 'tier-1',
  },
  ...scores.map(
    (score, n): OutcomeInput => ({ id: `${traceId}-csat-${n}`, traceId, type: 'csat', score, at }),
  ),
  ...[0, 1, 2, 3, 4, 5].map(
    (n): OutcomeInput => ({
      id: `${traceId}-macro-${n}`,
      traceId,
      type: 'macro_used',
      macroId: 'm1',
      editDistance: n % 2,
      at,
    }),
  ),
]);

/**
 * Four recorders (as in four processes: each queues only its own writes per trace) record every
 * outcome at once, and each outcome twice, as a producer retrying after a timeout would.
 */
async function raceRecorders(store: FeedbackStore) {
  const clock = createManualClock(at);
  const recorders = Array.from({ length: 4 }, () =>
    createOutcomeRecorder({ store, clock, maxAttempts: 1_000 }),
  );
  const recorder = (index: number) =>
    recorders[index % recorders.length] as (typeof recorders)[number];
  const sends = inputs.flatMap((input, index) => [
    recorder(index).record(input),
    recorder(index + 1).record(input),
  ]);
  return Promise.all(sends);
}

function concurrencySuite(database: TestDatabase) {
  it('records every outcome exactly once and sums every change into the aggregates', async () => {
    const store = createPostgresFeedbackStore({
      client: await database.client(),
      schema: await database.newSchema(),
    });
    const results = await raceRecorders(store);

    const statuses = new Map<string, string[]>();
    for (const { status, outcome } of results) {
      statuses.set(outcome.id, [...(statuses.get(outcome.id) ?? []), status].sort());
    }
    expect([...statuses.values()]).toEqual(inputs.map(() => ['duplicate', 'recorded']));
    const stored = await readAllPages((cursor) =>
      store.listOutcomes({ limit: 7, ...(cursor === undefined ? {} : { cursor }) }),
    );
    expect(stored.map((outcome) => outcome.id).sort()).toEqual(
      inputs.map((input) => input.id).sort(),
    );
    for (const traceId of traceIds) {
      const trace = await store.getTrace(traceId);
      expect(trace).toMatchObject({ revision: 17, outcomes: 17, csatResponses: 10, macroUses: 6 });
    }

    const rows = await store.queryAggregates({});
    expect(rows).toEqual([
      {
        day: fixtureDay,
        category: 'billing',
        channel: 'email',
        queue: 'tier-1',
        counters: {
          ...emptyKpiCounters(),
          traces: 3,
          decisions: 3,
          csatResponses: 30,
          csatScoreSum: 3 * scores.reduce((sum, score) => sum + score, 0),
          macroUses: 18,
          macroEdits: 9,
        },
      },
    ]);
  });
}

describe('concurrent recorders on PGlite', () => {
  concurrencySuite(useTestDatabase('pglite', 'feedback_race_pglite'));
});

describeWithPostgres('concurrent recorders on a PostgreSQL server', () => {
  concurrencySuite(useTestDatabase('postgres', 'feedback_race'));
});
