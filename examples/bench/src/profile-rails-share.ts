// A profiling driver, not a test: the loop-throughput bench's loops (memory undo-log store) with
// and without the 9 rails, bundled from source and run outside vitest, interleaved in rounds.
// Prints the rails' share measured in CPU time (process.cpuUsage), which the other jobs of a
// shared machine disturb far less than wall time.
//   esbuild examples/bench/src/profile-rails-share.ts --bundle --platform=node --format=esm \
//     --conditions=@guardloop/source --outfile=/tmp/rails-share.mjs
//   node /tmp/rails-share.mjs                           # CPU-time share, median of the rounds
//   MODE=with N=20000 node --cpu-prof /tmp/rails-share.mjs   # one loop, for the profiler
//   MODE=with RAIL=cost-budget N=20000 node --cpu-prof /tmp/rails-share.mjs   # one rail
//   PROFILE=/tmp/with.cpuprofile MODE=with node /tmp/rails-share.mjs   # the timed calls only
import { PerformanceObserver } from 'node:perf_hooks';
import { evaluateRails } from '@guardloop/core';
import { createMemoryUndoLogStore } from '@guardloop/undo-log';
import { trainBenchClassifier } from './bench-classifier';
import { railContextOf } from './bench-host-data';
import { type BenchLoop, createBenchLoop } from './bench-loop';
import { createBenchRails } from './bench-rails';

const { classifier, tickets } = trainBenchClassifier();
// RAIL=<name> keeps that rail only (in the loop and alone), to see what it costs in the loop.
const rails = (await createBenchRails({ classifier })).filter(
  (rail) => process.env.RAIL === undefined || rail.name === process.env.RAIL,
);
const store = createMemoryUndoLogStore();
const loops: Record<string, BenchLoop> = {
  without: createBenchLoop({ store, rails: [], classifier, tickets }),
  with: createBenchLoop({ store, rails, classifier, tickets }),
};
const run = async (loop: BenchLoop) => {
  const result = await loop.handleNext();
  if (result.status !== 'acted') throw new Error(`The loop ${result.status}.`);
  return result;
};
// The floor: the rails alone, back to back on one context, as the bench's `evaluateRails alone`.
const context = railContextOf(await run(loops.with as BenchLoop));
const candidates: Record<string, () => Promise<unknown>> = {
  without: () => run(loops.without as BenchLoop),
  with: () => run(loops.with as BenchLoop),
  alone: () => evaluateRails(rails, context),
};
const cpuMicroseconds = () => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};
// Garbage collection time, from the runtime's own gc entries (each one's pause).
let gcMilliseconds = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMilliseconds += entry.duration;
}).observe({ entryTypes: ['gc'] });
// PROFILE=<file> writes a CPU profile of the timed half only (no training, no warm-up).
const startProfiler = async () => {
  const { Session } = await import('node:inspector/promises');
  const { writeFile } = await import('node:fs/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return {
    async stop(file: string) {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
};
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[values.length >> 1] ?? Number.NaN;

const only = process.env.MODE;
if (only) {
  const candidate = candidates[only];
  if (!candidate) throw new Error(`MODE is one of ${Object.keys(candidates).join(', ')}.`);
  const count = Number(process.env.N ?? 20_000);
  // The first half warms up; the second is timed.
  for (let index = 0; index < count / 2; index++) await candidate();
  const profiler = process.env.PROFILE ? await startProfiler() : undefined;
  const started = cpuMicroseconds();
  for (let index = 0; index < count / 2; index++) await candidate();
  await profiler?.stop(process.env.PROFILE as string);
  console.log(
    `${only}: ${((2 * (cpuMicroseconds() - started)) / count).toFixed(1)} µs CPU per call`,
  );
} else {
  const rounds = Number(process.env.ROUNDS ?? 15);
  const perRound = Number(process.env.N ?? 1_000);
  const names = Object.keys(candidates);
  for (let index = 0; index < 2_000; index++) for (const name of names) await candidates[name]?.();
  const shares: number[] = [];
  const spent: Record<string, number[]> = { without: [], with: [], alone: [] };
  const collecting: Record<string, number[]> = { without: [], with: [], alone: [] };
  const profiler = process.env.PROFILE ? await startProfiler() : undefined;
  for (let round = 0; round < rounds; round++) {
    const inRound: Record<string, number> = {};
    // Every other round in reverse, so that a drift in the load does not favour one candidate.
    for (const name of round % 2 ? [...names].reverse() : names) {
      const candidate = candidates[name] as () => Promise<unknown>;
      const started = cpuMicroseconds();
      const collected = gcMilliseconds;
      for (let index = 0; index < perRound; index++) await candidate();
      inRound[name] = (cpuMicroseconds() - started) / perRound;
      spent[name]?.push(inRound[name]);
      // The observer is told in a later task: let it run before reading the total.
      await new Promise((resolve) => setImmediate(resolve));
      collecting[name]?.push(((gcMilliseconds - collected) * 1000) / perRound);
    }
    shares.push(1 - (inRound.without ?? 0) / (inRound.with ?? 1));
  }
  await profiler?.stop(process.env.PROFILE as string);
  const microseconds = (name: string) =>
    `${median(spent[name] ?? []).toFixed(0)} µs (GC ${median(collecting[name] ?? []).toFixed(0)})`;
  console.log(
    `CPU per signal: without rails ${microseconds('without')}, with ${microseconds('with')}, evaluateRails alone ${microseconds('alone')}; rails' share median ${(100 * median(shares)).toFixed(1)}% (rounds: ${shares.map((share) => (100 * share).toFixed(0)).join(' ')})`,
  );
}
