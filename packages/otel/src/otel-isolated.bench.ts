// Loop throughput with the instrumentation on against off, each candidate in its own process, as
// a host runs one loop configuration per process (otel.bench.ts interleaves them in one, where
// they share functions, inline caches and garbage). Per workload, 8 rounds; in each, every
// candidate (every other round in reverse) runs in a fresh `node` that builds only its loop
// (test-support/otel-isolated-child.ts, bench-loops.ts's `createCandidate`), warms it up and times
// it; ratios are paired within a round (scripts/test-support/isolated-rounds.ts).
// Run: pnpm vitest bench --run packages/otel/src/otel-isolated.bench.ts   (one workload, 1 to 2 min)
// OTEL_ISOLATED_WORKLOADS=0,1,2,3 picks workloads by index (default 2, the 9-rail loop; each of 0
// to 2 takes 1 to 2 minutes; 3, PGlite, about 6: each process boots and migrates its database in
// 12 s or more); OTEL_ISOLATED_FLOOR=1 adds the SDK floor in place (one more process a round).
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { test } from 'vitest';
import {
  formatRatio,
  medianReading,
  pairIsolatedRounds,
  runIsolatedRounds,
} from '../../../scripts/test-support/isolated-rounds';
import { type IsolatedCandidate, isolatedCandidates, workloads } from './test-support/bench-loops';

const picked = (process.env.OTEL_ISOLATED_WORKLOADS ?? '2').split(',').map(Number);
const names: IsolatedCandidate[] = process.env.OTEL_ISOLATED_FLOOR
  ? ['off', 'floor', 'noop', 'memory']
  : ['off', 'noop', 'memory'];

for (const [index, workload] of workloads.entries()) {
  test.skipIf(!picked.includes(index))(
    `one loop per process, OpenTelemetry on and off: ${workload}`,
    async () => {
      const load = loadavg()[0]?.toFixed(1);
      // PGlite takes ten times longer per signal: fewer signals keep the run short.
      const onPglite = workload.includes('PGlite');
      const rounds = await runIsolatedRounds({
        script: resolve(import.meta.dirname, 'test-support/otel-isolated-child.ts'),
        candidates: names.map((name) => `${index}:${name}`),
        rounds: 8,
        signals: onPglite ? 200 : 500,
        warmup: onPglite ? 300 : 1000,
      });
      const baseline = `${index}:off`;
      for (const name of names) {
        const { wallUs, cpuUs } = medianReading(rounds, `${index}:${name}`);
        const { wall, cpu } = pairIsolatedRounds(rounds, `${index}:${name}`, baseline);
        console.log(
          `| ${workload} | ${isolatedCandidates[name]} | ${wallUs.toFixed(0)} µs | ${formatRatio(wall)} | ${cpuUs.toFixed(0)} µs | ${formatRatio(cpu)} |`,
        );
      }
      // Each round too: processes of the same candidate differ more than rounds of one process do.
      for (const name of names) {
        const perRound = rounds.map((round) => round[`${index}:${name}`]?.wallUs.toFixed(0));
        console.log(`${name}, µs per round (wall): ${perRound.join(', ')}`);
      }
      console.log(`load average ${load} at the start, ${loadavg()[0]?.toFixed(1)} at the end`);
    },
    300_000,
  );
}
