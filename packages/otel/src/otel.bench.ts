// Loop throughput with the instrumentation on against off, measured in one run. Interleaved per
// signal: each iteration hands one signal to every candidate in turn (every other iteration in
// reverse), so a burst of load on the shared machine hits all candidates alike; the figure of a
// candidate is its median time per signal, and its ratio the median over iterations of its time
// over the baseline's in the same iteration. The candidates are built in
// test-support/bench-loops.ts (shared with the profiling driver, profile-loop.ts): "on" runs every
// span through a BatchSpanProcessor (SDK defaults), into an exporter that drops them (no-op) or
// keeps them in memory; async context is on (AsyncLocalStorage). The "SDK floor" candidate is the
// loop without instrumentation that starts and ends, per signal, as many bare spans (no
// attributes, no context switch) as the instrumented loop emits: what the SDK alone costs.
// Run: pnpm vitest bench --run packages/otel/src/otel.bench.ts
import { expect, test } from 'vitest';
import {
  actor,
  createCandidates,
  enableAsyncContext,
  memoryExporter,
  signal,
  spansPerSignal,
  workloads,
} from './test-support/bench-loops';

enableAsyncContext();

const warmup = 300;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

for (const workload of workloads) {
  test(`loop throughput with OpenTelemetry on and off: ${workload}`, async () => {
    const { status, spans } = await spansPerSignal(workload);
    expect(status).toBe('acted');
    const loops = await createCandidates(workload, spans);
    const names = Object.keys(loops);
    const times = Object.fromEntries(names.map((name) => [name, [] as number[]]));
    const ratios = Object.fromEntries(names.map((name) => [name, [] as number[]]));
    // The 9-rail loops take longer per signal (PGlite ten times longer): fewer iterations keep
    // the run short.
    const iterations = workload.includes('PGlite')
      ? 500
      : workload.includes('9 rails')
        ? 1500
        : 3000;
    for (let iteration = 0; iteration < warmup + iterations; iteration++) {
      const order = iteration % 2 === 0 ? names : [...names].reverse();
      const took: Record<string, number> = {};
      for (const name of order) {
        const started = performance.now();
        await loops[name]?.handle(signal(), { actor });
        took[name] = performance.now() - started;
      }
      if (iteration % 500 === 0) memoryExporter.reset();
      if (iteration < warmup) continue;
      const baseline = took[names[0] as string] as number;
      for (const name of names) {
        times[name]?.push(took[name] as number);
        ratios[name]?.push((took[name] as number) / baseline);
      }
    }
    for (const name of names) {
      console.log(
        `| ${workload} | ${name} | ${(median(times[name] ?? []) * 1000).toFixed(0)} µs | ${median(ratios[name] ?? []).toFixed(2)}x |`,
      );
    }
  }, 300_000);
}
