// The child of otel-isolated.bench.ts: ONE candidate of one workload of bench-loops.ts, built
// alone in this process and timed with the protocol of scripts/test-support/isolated-child.ts
// (node builtins only: no dependency on the example's packages). The candidate is passed as
// `<workload index>:<candidate>`, e.g. `2:noop`.
//   node --conditions=@guardloop/source --import tsx packages/otel/src/test-support/otel-isolated-child.ts 2:noop 1000 1500
import { childArguments, timeSignals } from '../../../../scripts/test-support/isolated-child';
import {
  actor,
  createCandidate,
  enableAsyncContext,
  type IsolatedCandidate,
  isolatedCandidates,
  memoryExporter,
  signal,
  workloads,
} from './bench-loops';

const settings = childArguments();
const [index, name] = settings.candidate.split(':');
const workload = workloads[Number(index)];
if (!workload || !name || !Object.hasOwn(isolatedCandidates, name)) {
  throw new Error(
    `Pass <0-${workloads.length - 1}>:<${Object.keys(isolatedCandidates).join('|')}>.`,
  );
}
enableAsyncContext();
const loop = await createCandidate(workload, name as IsolatedCandidate);
let handled = 0;
await timeSignals(settings, async () => {
  // Every signal must act, or the comparison would time a short cut.
  const result = await loop.handle(signal(), { actor });
  if (result.status !== 'acted') throw new Error(`The ${name} loop ${result.status}.`);
  // As otel.bench.ts does, so that the in-memory exporter does not grow for the whole run.
  if (++handled % 500 === 0) memoryExporter.reset();
});
