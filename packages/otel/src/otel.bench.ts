// Loop throughput with the instrumentation on against off, measured in one run. Interleaved per
// signal: each iteration hands one signal to every candidate in turn (every other iteration in
// reverse), so a burst of load on the shared machine hits all candidates alike; the figure of a
// candidate is its median time per signal, and its ratio the median over iterations of its time
// over the baseline's in the same iteration. "On" runs every span through a BatchSpanProcessor, into an exporter
// that drops them (no-op) or keeps them in memory; async context is on (AsyncLocalStorage).
// Run: pnpm vitest bench --run packages/otel/src/otel.bench.ts
import { allow, createLoop, type LoopConfig, type Rail } from '@guardloop/core';
import { brandSafetyRail, createIntentStep, intentRail, piiRail } from '@guardloop/semantic';
import { createHelpdeskClassifier, loadHelpdeskDataset } from '@guardloop/semantic/data';
import { createActStep } from '@guardloop/undo-log';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import {
  BatchSpanProcessor,
  InMemorySpanExporter,
  type SpanExporter,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { test } from 'vitest';
import { createGuardloopTelemetry } from './create-guardloop-telemetry';
import { agent, createBankLog } from './test-support/telemetry-harness';

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

const trivialRails: Rail[] = [
  { name: 'rbac', kind: 'deterministic', evaluate: () => allow('role agent') },
  {
    name: 'rules',
    kind: 'deterministic',
    evaluate: () => allow('no rule matched', { revision: 1 }),
  },
  { name: 'intent', kind: 'semantic', evaluate: () => allow('in scope') },
  { name: 'budget', kind: 'economic', evaluate: async () => allow('within budget') },
];

// The help-desk workload: the bundled local classifier and the semantic rails on a real ticket.
const classifier = createHelpdeskClassifier({ seed: 42 });
const tickets = loadHelpdeskDataset({ seed: 42 })
  .train.filter((example) => example.label === 'password_reset')
  .map((example) => example.text);
const helpdeskRails: Rail[] = [
  piiRail({ onDetected: 'allow' }),
  brandSafetyRail(),
  intentRail({ classifier, allowed: ['password_reset'] }),
];

type Workload = 'trivial steps, 4 trivial rails' | 'local classifier, 3 semantic rails';

function loopConfig(workload: Workload): LoopConfig {
  const { log } = createBankLog();
  const trivial = workload.startsWith('trivial');
  return {
    actions: log,
    rails: trivial ? trivialRails : helpdeskRails,
    steps: {
      classifyIntent: trivial
        ? () => ({ label: 'password_reset', confidence: 0.9, classifier: 'local' })
        : createIntentStep(classifier, { text: ({ payload }) => String(payload.body) }),
      proposeHypotheses: () => [
        {
          id: 'h-1',
          title: 'Credit the account',
          confidence: 0.9,
          action: { name: 'credit', input: { account: 'acme', amount: 1 } },
        },
      ],
      act: createActStep(log),
    },
  };
}

const noopExporter: SpanExporter = {
  export: (_spans, done) => done({ code: 0 }),
  shutdown: () => Promise.resolve(),
};
const memoryExporter = new InMemorySpanExporter();

function instrumented(workload: Workload, exporter: SpanExporter) {
  const tracerProvider = new TracerProvider({
    spanProcessors: [new BatchSpanProcessor({ exporter })],
  });
  const telemetry = createGuardloopTelemetry({
    tracerProvider,
    meterProvider: new MeterProvider(),
  });
  return createLoop(telemetry.instrumentLoop(loopConfig(workload)));
}

const candidates = (workload: Workload) => ({
  'off (baseline)': createLoop(loopConfig(workload)),
  'on, API only (no SDK registered)': createLoop(
    createGuardloopTelemetry().instrumentLoop(loopConfig(workload)),
  ),
  'on, BatchSpanProcessor, no-op exporter': instrumented(workload, noopExporter),
  'on, BatchSpanProcessor, in-memory exporter': instrumented(workload, memoryExporter),
});
type Name = keyof ReturnType<typeof candidates>;
let count = 0;
const signal = () => ({
  source: 'email',
  kind: 'ticket' as const,
  payload: { body: tickets[count % tickets.length], n: count++ },
});
const iterations = 3000;
const warmup = 300;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
const actor = { ...agent, roles: ['agent'] };

const workloads: Workload[] = [
  'trivial steps, 4 trivial rails',
  'local classifier, 3 semantic rails',
];
for (const workload of workloads) {
  test(`loop throughput with OpenTelemetry on and off: ${workload}`, async () => {
    const loops = candidates(workload);
    const names = Object.keys(loops) as Name[];
    const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<
      Name,
      number[]
    >;
    const ratios = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<
      Name,
      number[]
    >;
    for (let iteration = 0; iteration < warmup + iterations; iteration++) {
      const order = iteration % 2 === 0 ? names : [...names].reverse();
      const took = {} as Record<Name, number>;
      for (const name of order) {
        const started = performance.now();
        await loops[name].handle(signal(), { actor });
        took[name] = performance.now() - started;
      }
      if (iteration % 500 === 0) memoryExporter.reset();
      if (iteration < warmup) continue;
      for (const name of names) {
        times[name].push(took[name]);
        ratios[name].push(took[name] / took[names[0] as Name]);
      }
    }
    for (const name of names) {
      console.log(
        `| ${workload} | ${name} | ${(median(times[name]) * 1000).toFixed(0)} µs | ${median(ratios[name]).toFixed(2)}x |`,
      );
    }
  }, 300_000);
}
