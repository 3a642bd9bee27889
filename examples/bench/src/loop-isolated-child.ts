// The child of loop-isolated.bench.ts: ONE candidate of the loop-throughput bench (memory
// undo-log store), built alone in this process, timed by scripts/test-support/isolated-child.ts.
//   node --import tsx examples/bench/src/loop-isolated-child.ts with 1000 1500   (the built packages;
//   add --conditions=@guardloop/source for the TypeScript source)
import { createMemoryUndoLogStore } from '@guardloop/undo-log';
import { childArguments, timeSignals } from '../../../scripts/test-support/isolated-child';
import { trainBenchClassifier } from './bench-classifier';
import { createBenchLoop } from './bench-loop';
import { createBenchRails } from './bench-rails';

const settings = childArguments();
const { candidate } = settings;
if (candidate !== 'with' && candidate !== 'without') {
  throw new Error('The candidate is "with" (the 9 rails) or "without" (no rails).');
}
const { classifier, tickets } = trainBenchClassifier();
const rails = candidate === 'with' ? await createBenchRails({ classifier }) : [];
const loop = createBenchLoop({ store: createMemoryUndoLogStore(), rails, classifier, tickets });
await timeSignals(settings, async () => {
  // Every signal must act, or the comparison would time a short cut.
  const result = await loop.handleNext();
  if (result.status !== 'acted') throw new Error(`The loop ${result.status}.`);
});
