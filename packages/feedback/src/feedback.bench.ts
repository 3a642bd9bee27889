import { createManualClock } from '@guardloop/core';
import { test } from 'vitest';
import { createKpis } from './kpi/create-kpis';
import { createSeededRandom } from './learning/create-seeded-random';
import { createOutcomeRecorder } from './recorder/create-outcome-recorder';
import type { OutcomeInput } from './schemas/outcome-input';
import { dayMs } from './schemas/time-range';
import { createMemoryFeedbackStore } from './store/memory-feedback-store';

const start = Date.UTC(2025, 0, 1);
// A local copy: module export getters in a hot loop would distort the figures.
const day = dayMs;
const categories = ['billing', 'tech', 'account'];
const channels = ['email', 'chat', 'phone'];
const queues = ['tier-1', 'tier-2', 'billing-desk', 'vip'];

/** A realistic trace: a decision, a resolution (sometimes reopened and re-resolved) and a CSAT. */
function* traceOutcomes(random: () => number, traceCount: number): Generator<OutcomeInput> {
  const pick = (items: readonly string[]) => items[Math.floor(random() * items.length)] as string;
  for (let index = 0; index < traceCount; index++) {
    const traceId = `t${index}`;
    const at = start + Math.floor(random() * 365 * day);
    const segment = { category: pick(categories), channel: pick(channels), queue: pick(queues) };
    yield {
      id: `${traceId}:d`,
      type: 'decision',
      traceId,
      at,
      verdict: 'allow',
      confidence: random(),
      ...segment,
    };
    yield {
      id: `${traceId}:r`,
      type: 'resolved',
      traceId,
      at: at + 3_600_000,
      firstContact: random() < 0.7,
    };
    if (random() < 0.1) {
      yield { id: `${traceId}:o`, type: 'reopened', traceId, at: at + 7_200_000, reason: 'again' };
    } else {
      yield {
        id: `${traceId}:c`,
        type: 'csat',
        traceId,
        at: at + 7_200_000,
        score: 1 + Math.floor(random() * 5),
      };
    }
    yield {
      id: `${traceId}:f`,
      type: 'first_response',
      traceId,
      at: at + 60_000,
      elapsedMs: 60_000,
    };
  }
}

/** Prints each benchmark's throughput as a ratio of the baseline measured in the same run. */
function report(
  results: { get(name: string): { throughput: { mean: number } } },
  baseline: string,
  names: string[],
) {
  const base = results.get(baseline).throughput.mean;
  for (const name of names) {
    const ops = results.get(name).throughput.mean;
    console.log(
      `${name}: ${Math.round(ops)} ops/s = ${(ops / base).toFixed(3)} x ${baseline} (${Math.round(base)} ops/s)`,
    );
  }
}

// --- Setup, once per run: one million outcomes recorded through the recorder. -----------------
const millionStore = createMemoryFeedbackStore();
const millionRecorder = createOutcomeRecorder({
  store: millionStore,
  clock: createManualClock(start),
});
const rawOutcomes: OutcomeInput[] = [];
for (const outcome of traceOutcomes(createSeededRandom(1), 250_000)) {
  rawOutcomes.push(outcome);
  await millionRecorder.record(outcome);
}
const kpis = createKpis({ store: millionStore, clock: createManualClock(start + 400 * dayMs) });
const year = { from: start, to: start + 365 * dayMs };
const quarter = { from: start + 90 * dayMs, to: start + 180 * dayMs };

/** Baseline: what a KPI query costs without aggregates, folding every raw outcome per trace. */
function naiveFirstContactResolution(
  range: { from: number; to: number },
  category: string,
): number {
  const traces = new Map<
    string,
    { inRange: boolean; resolved: boolean; firstContact: boolean; reopened: boolean }
  >();
  for (const outcome of rawOutcomes) {
    const at = outcome.at as number;
    let trace = traces.get(outcome.traceId);
    if (outcome.type === 'decision') {
      trace = {
        inRange: at >= range.from && at < range.to && outcome.category === category,
        resolved: false,
        firstContact: false,
        reopened: false,
      };
      traces.set(outcome.traceId, trace);
    } else if (trace && outcome.type === 'resolved' && !trace.resolved) {
      trace.resolved = true;
      trace.firstContact = outcome.firstContact;
    } else if (trace && outcome.type === 'reopened') trace.reopened = true;
  }
  let resolved = 0;
  let firstContact = 0;
  for (const trace of traces.values()) {
    if (!trace.inRange || !trace.resolved) continue;
    resolved += 1;
    if (trace.firstContact && !trace.reopened) firstContact += 1;
  }
  return firstContact / resolved;
}

test('KPI query over 1M recorded outcomes: aggregates vs a naive scan', async ({ bench }) => {
  const results = await bench.compare(
    bench('queryKpis (year, one category)', async () => {
      await kpis.queryKpis(year, { category: 'billing' });
    }),
    bench('queryKpis (quarter, all segments)', async () => {
      await kpis.queryKpis(quarter);
    }),
    bench('baseline: naive scan of the raw outcomes', () => {
      naiveFirstContactResolution(year, 'billing');
    }),
    { time: 2000 },
  );
  report(results, 'baseline: naive scan of the raw outcomes', [
    'queryKpis (year, one category)',
    'queryKpis (quarter, all segments)',
  ]);
});

// --- Recording throughput. ------------------------------------------------------------------
const stream = traceOutcomes(createSeededRandom(2), Number.MAX_SAFE_INTEGER);
const recordStore = createMemoryFeedbackStore();
const recorder = createOutcomeRecorder({ store: recordStore, clock: createManualClock(start) });
const pushed: OutcomeInput[] = [];
const baselineStream = traceOutcomes(createSeededRandom(2), Number.MAX_SAFE_INTEGER);

test('recording outcomes vs a plain array push', async ({ bench }) => {
  const results = await bench.compare(
    bench('recorder.record (validate, fold trace, update aggregates)', async () => {
      await recorder.record(stream.next().value as OutcomeInput);
    }),
    bench('baseline: array push of the same outcomes', () => {
      pushed.push(baselineStream.next().value as OutcomeInput);
      if (pushed.length > 1_000_000) pushed.length = 0;
    }),
    { time: 2000 },
  );
  report(results, 'baseline: array push of the same outcomes', [
    'recorder.record (validate, fold trace, update aggregates)',
  ]);
});
