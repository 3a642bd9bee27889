// Signals per second through the whole loop (classifier, hypotheses, 9 rails, undo log) on the
// memory and PGlite undo-log stores, against the same loop with no rails and against
// evaluateRails alone, all in the same run. Rewrites the generated sections of docs/benchmarks.md
// at the end, keeping the hand-written ones.
// Run: pnpm bench loop-throughput   (or: pnpm --filter @guardloop-example/bench bench)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluateRails } from '@guardloop/core';
import { createMemoryUndoLogStore, type UndoLogStore } from '@guardloop/undo-log';
import { afterAll, type Bench, test } from 'vitest';
import {
  combineRounds,
  type Measurement,
  pairedRatio,
  toMeasurement,
} from '../../../scripts/test-support/combine-rounds';
import { trainBenchClassifier } from './bench-classifier';
import { railContextOf } from './bench-host-data';
import { type BenchLoop, createBenchLoop } from './bench-loop';
import { createBenchRails } from './bench-rails';
import { mergeBenchmarksDoc, renderBenchmarksDoc, type StoreFigures } from './benchmarks-doc';
import { describeMachine } from './describe-machine';
import { openPgliteStore } from './open-pglite-store';

const { classifier, tickets } = trainBenchClassifier();
const rails = await createBenchRails({ classifier });
const figures: StoreFigures[] = [];
const classifyRounds: Measurement[] = [];
const rounds = 8;
const options = { time: 500, warmupTime: 100 };

async function measureStore(store: string, undoLogStore: UndoLogStore, bench: Bench) {
  const withRails = createBenchLoop({ store: undoLogStore, rails, classifier, tickets });
  const withoutRails = createBenchLoop({ store: undoLogStore, rails: [], classifier, tickets });
  // Both sides must act on every signal, or the comparison would time a short cut.
  const run = async (loop: BenchLoop) => {
    const result = await loop.handleNext();
    if (result.status !== 'acted') throw new Error(`The ${store} loop ${result.status}.`);
    return result;
  };
  const sample = await run(withRails);
  const context = railContextOf(sample);
  const text = String(sample.signal.payload.body);
  // Every candidate runs a while first: on two busy cores, JIT compilation can lag behind
  // tinybench's short warm-up and bill the first candidate for it.
  for (let index = 0; index < 300; index++) {
    await run(withoutRails);
    await run(withRails);
    await evaluateRails(rails, context);
  }
  const names = {
    without: `${store}: loop, no rails`,
    with: `${store}: loop, ${rails.length} rails`,
    alone: `${store}: evaluateRails alone`,
    classify: `${store}: classify alone`,
  };
  const measured = {
    without: [] as Measurement[],
    with: [] as Measurement[],
    alone: [] as Measurement[],
  };
  for (let round = 0; round < rounds; round++) {
    const candidates = [
      bench(names.without, async () => void (await run(withoutRails))),
      bench(names.with, async () => void (await run(withRails))),
      bench(names.alone, async () => void (await evaluateRails(rails, context))),
      bench(names.classify, async () => void (await classifier.classify(text))),
    ];
    // Candidates run one after the other: every other round runs them in reverse, so that a
    // drift in the machine's load does not always favour the same one.
    if (round % 2 === 1) candidates.reverse();
    const results = await bench.compare(...candidates, options);
    measured.without.push(toMeasurement(results.get(names.without)));
    measured.with.push(toMeasurement(results.get(names.with)));
    measured.alone.push(toMeasurement(results.get(names.alone)));
    classifyRounds.push(toMeasurement(results.get(names.classify)));
  }
  const result: StoreFigures = {
    store,
    withoutRails: combineRounds(measured.without),
    withRails: combineRounds(measured.with),
    evaluateRails: combineRounds(measured.alone),
    ratios: {
      withRails: pairedRatio(measured.with, measured.without),
      evaluateRails: pairedRatio(measured.alone, measured.without),
      evaluateRailsOfLoop: pairedRatio(measured.alone, measured.with),
    },
  };
  figures.push(result);
  const share = 1 - 1 / result.ratios.withRails.median;
  const alone = result.ratios.evaluateRailsOfLoop.median;
  console.log(
    `${store}, medians: ${(1000 / result.withRails.p50Ms).toFixed(0)} signals/s with ${rails.length} rails, ${(1000 / result.withoutRails.p50Ms).toFixed(0)} without; the rails take ${(100 * share).toFixed(0)}% of the loop's time, evaluateRails alone ${(100 * alone).toFixed(0)}%`,
  );
}

test('end-to-end loop throughput, memory undo-log store', async ({ bench }) => {
  await measureStore('memory', createMemoryUndoLogStore(), bench);
});

test('end-to-end loop throughput, PGlite undo-log store', async ({ bench }) => {
  const { store, close } = await openPgliteStore();
  try {
    await measureStore('PGlite', store, bench);
  } finally {
    await close();
  }
});

afterAll(() => {
  // Only a complete run rewrites the page: a filtered one would leave a store out.
  if (figures.length !== 2) return;
  const page = renderBenchmarksDoc({
    machine: describeMachine(),
    railCount: rails.length,
    stores: figures,
    classify: combineRounds(classifyRounds),
    rounds,
  });
  const file = resolve(import.meta.dirname, '../../../docs/benchmarks.md');
  // The hand-written sections after the generated ones (inbox, counters...) are kept.
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  writeFileSync(file, mergeBenchmarksDoc(page, current));
});
