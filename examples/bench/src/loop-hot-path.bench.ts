// The loop's own cost: `createLoop` with no rails against the same steps composed by hand (intake,
// classify, propose, approval check, act through the undo log on the memory store), in
// interleaved rounds of one run. Run: pnpm vitest bench --run examples/bench/src/loop-hot-path
import { createMemoryUndoLogStore } from '@guardloop/undo-log';
import { test } from 'vitest';
import {
  combineRounds,
  type Measurement,
  pairedRatio,
  toMeasurement,
} from '../../../scripts/test-support/combine-rounds';
import { trainBenchClassifier } from './bench-classifier';
import { createBenchLoop } from './bench-loop';
import { createHandWrittenLoop } from './hand-written-loop';

const { classifier, tickets } = trainBenchClassifier();
const rounds = 6;
const options = { time: 400, warmupTime: 100 };

test('the loop without rails against the same steps composed by hand', async ({ bench }) => {
  const store = createMemoryUndoLogStore();
  const loop = createBenchLoop({ store, rails: [], classifier, tickets });
  const byHand = createHandWrittenLoop({ store, classifier, tickets });
  const runLoop = async () => {
    const result = await loop.handleNext();
    if (result.status !== 'acted') throw new Error(`The loop ${result.status}.`);
  };
  for (let index = 0; index < 300; index++) {
    await runLoop();
    await byHand.handleNext();
  }
  const names = { loop: 'createLoop, no rails', byHand: 'the same steps by hand' };
  const measured = { loop: [] as Measurement[], byHand: [] as Measurement[] };
  for (let round = 0; round < rounds; round++) {
    const candidates = [
      bench(names.byHand, async () => void (await byHand.handleNext())),
      bench(names.loop, runLoop),
    ];
    if (round % 2 === 1) candidates.reverse();
    const results = await bench.compare(...candidates, options);
    measured.loop.push(toMeasurement(results.get(names.loop)));
    measured.byHand.push(toMeasurement(results.get(names.byHand)));
  }
  const ratio = pairedRatio(measured.loop, measured.byHand);
  const median = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
  console.log(
    `Loop hot path, medians: createLoop ${median(combineRounds(measured.loop).p50Ms)}, by hand ${median(combineRounds(measured.byHand).p50Ms)}; createLoop / by hand ${ratio.median.toFixed(2)}x (rounds ${ratio.low.toFixed(2)}x to ${ratio.high.toFixed(2)}x)`,
  );
});
