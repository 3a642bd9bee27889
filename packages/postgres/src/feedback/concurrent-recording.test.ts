import { createManualClock } from '@guardloop/core';
import {
  createMemoryFeedbackStore,
  createOutcomeRecorder,
  createSeededRandom,
  type FeedbackStore,
  type OutcomeInput,
  readAllPages,
} from '@guardloop/feedback';
import { emptyKpiCounters } from '@guardloop/feedback/internal';
import { fixtureDay } from '@guardloop/feedback/test';
import { describe, expect, it } from 'vitest';
import {
  describeWithPostgres,
  type ServerTestDatabase,
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

const hour = 3_600_000;

/**
 * 120 outcomes on 6 traces: a decision and 19 follow-ups each at distinct times, in a seeded
 * shuffled order, so that most arrive late and make their trace re-fold.
 */
function lateArrivals(): OutcomeInput[] {
  const random = createSeededRandom(120);
  const inputs = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'].flatMap((traceId): OutcomeInput[] => {
    const follow = (n: number): OutcomeInput => {
      const common = { id: `${traceId}-${n}`, traceId, at: fixtureDay + (n + 1) * hour };
      const kinds: OutcomeInput[] = [
        { ...common, type: 'csat', score: 1 + (n % 5) },
        { ...common, type: 'resolved', firstContact: n % 3 === 0 },
        { ...common, type: 'reopened', reason: 'again' },
        { ...common, type: 'first_response' },
        { ...common, type: 'macro_used', macroId: 'm1', editDistance: n % 2 },
      ];
      return kinds[Math.floor(random() * kinds.length)] as OutcomeInput;
    };
    return [
      {
        id: `${traceId}-decision`,
        traceId,
        type: 'decision',
        verdict: 'allow',
        ticketId: `k-${traceId}`,
        at: fixtureDay,
        category: 'billing',
      },
      ...Array.from({ length: 19 }, (_, n) => follow(n)),
    ];
  });
  for (let index = inputs.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [inputs[index], inputs[other]] = [inputs[other] as OutcomeInput, inputs[index] as OutcomeInput];
  }
  return inputs;
}

/** The states, flags and aggregates a store ends with (revisions depend on retries). */
async function outcomeOf(store: FeedbackStore) {
  const outcomes = await readAllPages((cursor) =>
    store.listOutcomes({ limit: 50, ...(cursor === undefined ? {} : { cursor }) }),
  );
  const traces = await readAllPages((cursor) =>
    store.listTraces(cursor === undefined ? {} : { cursor }),
  );
  return {
    flags: Object.fromEntries(
      outcomes
        .map((outcome) => [outcome.id, outcome.flags])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ),
    traces: Object.fromEntries(
      traces
        .map(({ revision: _, ...trace }) => [trace.traceId, trace] as const)
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ),
    aggregates: await store.queryAggregates({}),
  };
}

function concurrencySuite(database: TestDatabase) {
  it('folds 120 concurrent, mostly late outcomes exactly as the same outcomes in time order', async () => {
    const schema = await database.newSchema();
    // Separate pools where there is a server: recorders in separate processes.
    const server = 'separateClient' in database ? (database as ServerTestDatabase) : undefined;
    const clients = await Promise.all(
      [0, 1, 2, 3].map(() => (server ? server.separateClient() : database.client())),
    );
    const stores = clients.map((client) => createPostgresFeedbackStore({ client, schema }));
    const clock = createManualClock(fixtureDay + 2 * 24 * hour);
    const recorders = stores.map((store) =>
      createOutcomeRecorder({ store, clock, maxAttempts: 1_000 }),
    );
    const inputs = lateArrivals();
    const results = await Promise.all(
      inputs.map((input, index) => recorders[index % recorders.length]?.record(input)),
    );
    expect(results.map((result) => result?.status)).toEqual(inputs.map(() => 'recorded'));

    const reference = createMemoryFeedbackStore();
    const inOrder = [...inputs].sort((a, b) => Number(a.at) - Number(b.at));
    const referenceRecorder = createOutcomeRecorder({ store: reference, clock });
    for (const input of inOrder) await referenceRecorder.record(input);
    const [store] = stores as [FeedbackStore];
    const actual = await outcomeOf(store);
    expect(Object.keys(actual.flags)).toHaveLength(120);
    expect(actual).toEqual(await outcomeOf(reference));
  });

  it('loses no outcome when batches race on the same traces, each sent twice', async () => {
    const schema = await database.newSchema();
    const server = 'separateClient' in database ? (database as ServerTestDatabase) : undefined;
    const clients = await Promise.all(
      [0, 1, 2, 3].map(() => (server ? server.separateClient() : database.client())),
    );
    const clock = createManualClock(fixtureDay + 2 * 24 * hour);
    const recorders = clients.map((client) =>
      createOutcomeRecorder({
        store: createPostgresFeedbackStore({ client, schema }),
        clock,
        maxAttempts: 1_000,
      }),
    );
    const inputs = lateArrivals();
    const chunks = Array.from({ length: 12 }, (_, n) => inputs.slice(n * 10, n * 10 + 10));
    // Every chunk spans several traces; each goes out twice, from two recorders at once.
    const sends = chunks.flatMap((chunk, n) => [
      recorders[n % 4]?.recordMany(chunk),
      recorders[(n + 1) % 4]?.recordMany(chunk),
    ]);
    const results = (await Promise.all(sends)).flatMap((batch) => batch ?? []);
    const statuses = new Map<string, string[]>();
    for (const { status, outcome } of results) {
      statuses.set(outcome.id, [...(statuses.get(outcome.id) ?? []), status].sort());
    }
    expect(statuses.size).toBe(120);
    expect(new Set([...statuses.values()].map((list) => list.join()))).toEqual(
      new Set(['duplicate,recorded']),
    );

    const reference = createMemoryFeedbackStore();
    const referenceRecorder = createOutcomeRecorder({ store: reference, clock });
    for (const input of [...inputs].sort((a, b) => Number(a.at) - Number(b.at))) {
      await referenceRecorder.record(input);
    }
    const store = createPostgresFeedbackStore({
      client: clients[0] as (typeof clients)[number],
      schema,
    });
    expect(await outcomeOf(store)).toEqual(await outcomeOf(reference));
  });

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

// The server's default is REPEATABLE READ: commits must still run at READ COMMITTED, where a
// concurrent writer makes the trace compare-and-set fail cleanly instead of raising 40001.
describeWithPostgres('concurrent recorders on a server defaulting to REPEATABLE READ', () => {
  const database = useTestDatabase('postgres-repeatable-read', 'feedback_rr');
  it('really defaults to repeatable read', async () => {
    const client = await database.client();
    const { rows } = await client.query<{ default_transaction_isolation: string }>(
      'SHOW default_transaction_isolation',
    );
    expect(rows).toEqual([{ default_transaction_isolation: 'repeatable read' }]);
  });
  concurrencySuite(database);
});
