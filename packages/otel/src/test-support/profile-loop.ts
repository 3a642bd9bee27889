// A profiling driver, not a test: the loops of otel.bench.ts (test-support/bench-loops.ts, the
// same candidates) bundled from source and run outside vitest (whose module runner adds a getter
// call per cross-module access), interleaved per signal, with the same paired ratios.
//   esbuild src/test-support/profile-loop.ts --bundle --platform=node --format=esm \
//     --conditions=@guardloop/source --outfile=/tmp/profile.mjs
//   WORKLOAD=1 node /tmp/profile.mjs                   # every candidate of workload 1 (0, 1, 2)
//   WORKLOAD=1 MODE=1 N=20000 node --cpu-prof /tmp/profile.mjs  # one candidate, for the profiler
// MODE picks candidates by index, comma-separated (0 off, 1 API only, 2 SDK floor, 3 SDK floor in
// place, 4 no-op exporter, 5 in-memory exporter); the ratios are against the first one picked.
// Besides wall time, the CPU time of the process per signal (process.cpuUsage), steadier on a
// shared machine.
import {
  actor,
  createCandidates,
  enableAsyncContext,
  memoryExporter,
  signal,
  spansPerSignal,
  workloads,
} from './bench-loops';

enableAsyncContext();
const workload = workloads[Number(process.env.WORKLOAD ?? 0)] ?? workloads[0];
const { spans } = await spansPerSignal(workload);
const loops = await createCandidates(workload, spans);
const all = Object.keys(loops);
const names = process.env.MODE
  ? process.env.MODE.split(',').map((index) => all[Number(index)] as string)
  : all;
const n = Number(process.env.N ?? 5000);
const warmup = Math.min(500, n >> 2);
const times: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
const ratios: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
const cpu: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
const cpuRatios: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
for (let i = 0; i < n; i++) {
  const order = i % 2 ? names : [...names].reverse();
  const took: Record<string, number> = {};
  const used: Record<string, number> = {};
  for (const name of order) {
    const started = performance.now();
    const before = process.cpuUsage();
    await loops[name]?.handle(signal(), { actor });
    const after = process.cpuUsage(before);
    took[name] = performance.now() - started;
    used[name] = (after.user + after.system) / 1000;
  }
  if (i % 500 === 0) memoryExporter.reset();
  if (i < warmup) continue;
  for (const name of names) {
    times[name]?.push(took[name] as number);
    ratios[name]?.push((took[name] as number) / (took[names[0] as string] as number));
    cpu[name]?.push(used[name] as number);
    cpuRatios[name]?.push((used[name] as number) / (used[names[0] as string] as number));
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
console.log(`${workload} (${spans} spans)`);
for (const name of names) {
  const time = (median(times[name] ?? []) * 1000).toFixed(0);
  const cpuTime = (median(cpu[name] ?? []) * 1000).toFixed(0);
  console.log(
    `${name}: ${time} µs ${median(ratios[name] ?? []).toFixed(2)}x; cpu ${cpuTime} µs ${median(cpuRatios[name] ?? []).toFixed(2)}x`,
  );
}
