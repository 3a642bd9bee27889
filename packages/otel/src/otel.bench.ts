// Loop throughput with the instrumentation on against off, measured in one run. Interleaved per
// signal: each iteration hands one signal to every candidate in turn (every other iteration in
// reverse), so a burst of load on the shared machine hits all candidates alike; the figure of a
// candidate is its median time per signal, and its ratio the median over iterations of its time
// over the baseline's in the same iteration. "On" runs every span through a BatchSpanProcessor, into an exporter
// that drops them (no-op) or keeps them in memory; async context is on (AsyncLocalStorage). The
// "SDK floor" candidate is the loop without instrumentation that starts and ends, per signal, as
// many bare spans (no attributes, no context switch) as the instrumented loop emits: what the SDK
// alone costs, which no instrumentation can go below.
// Run: pnpm vitest bench --run packages/otel/src/otel.bench.ts
import { allow, createLoop, type LoopConfig, type Rail } from '@guardloop/core';
import { brandSafetyRail, createIntentStep, intentRail, piiRail } from '@guardloop/semantic';
import { createHelpdeskClassifier, loadHelpdeskDataset } from '@guardloop/semantic/data';
import { createActStep } from '@guardloop/undo-log';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import {
  BatchSpanProcessor,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type SpanExporter,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { expect, test } from 'vitest';
import { createGuardloopTelemetry } from './create-guardloop-telemetry';
import { createNineRails } from './test-support/nine-rails';
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

// The nine rails of "Signals per second through the loop" (docs/benchmarks.md).
const nineRails = await createNineRails(classifier);

type Workload =
  | 'trivial steps, 4 trivial rails'
  | 'local classifier, 3 semantic rails'
  | 'local classifier, the 9 rails of the loop benchmark';

function loopConfig(workload: Workload): LoopConfig {
  const { log } = createBankLog();
  const trivial = workload.startsWith('trivial');
  return {
    actions: log,
    rails: trivial ? trivialRails : workload.includes('9 rails') ? nineRails : helpdeskRails,
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

/** Spans one signal of `workload` emits, counted on an instrumented run. */
async function spansPerSignal(workload: Workload) {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new TracerProvider({
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const loop = createLoop(
    createGuardloopTelemetry({ tracerProvider }).instrumentLoop(loopConfig(workload)),
  );
  const result = await loop.handle(signal(), { actor });
  expect(result.status).toBe('acted');
  return exporter.getFinishedSpans().length;
}

/** The loop without instrumentation, plus `spans` bare spans per signal: the SDK's own cost. */
function sdkFloor(workload: Workload, spans: number) {
  const tracer = new TracerProvider({
    spanProcessors: [new BatchSpanProcessor({ exporter: noopExporter })],
  }).getTracer('floor');
  return createLoop({
    ...loopConfig(workload),
    onEvent(event) {
      if (event.type !== 'loop.acted') return;
      const root = tracer.startSpan('floor');
      const parent = trace.setSpan(context.active(), root);
      for (let index = 1; index < spans; index++) tracer.startSpan('child', {}, parent).end();
      root.end();
    },
  });
}

const candidates = (workload: Workload, spans: number) => ({
  'off (baseline)': createLoop(loopConfig(workload)),
  'on, API only (no SDK registered)': createLoop(
    createGuardloopTelemetry().instrumentLoop(loopConfig(workload)),
  ),
  [`SDK floor: off + ${spans} bare spans, BatchSpanProcessor, no-op exporter`]: sdkFloor(
    workload,
    spans,
  ),
  'on, BatchSpanProcessor, no-op exporter': instrumented(workload, noopExporter),
  'on, BatchSpanProcessor, in-memory exporter': instrumented(workload, memoryExporter),
});
type Name = string;
let count = 0;
const signal = () => ({
  source: 'email',
  kind: 'ticket' as const,
  payload: { body: tickets[count % tickets.length], n: count++ },
});
const warmup = 300;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
const actor = { ...agent, roles: ['agent'] };

const workloads: Workload[] = [
  'trivial steps, 4 trivial rails',
  'local classifier, 3 semantic rails',
  'local classifier, the 9 rails of the loop benchmark',
];
for (const workload of workloads) {
  test(`loop throughput with OpenTelemetry on and off: ${workload}`, async () => {
    const loops: Record<Name, ReturnType<typeof createLoop>> = candidates(
      workload,
      await spansPerSignal(workload),
    );
    const names = Object.keys(loops) as Name[];
    const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<
      Name,
      number[]
    >;
    const ratios = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<
      Name,
      number[]
    >;
    // The 9-rail loop takes four times as long per signal: fewer iterations keep the run short.
    const iterations = workload.includes('9 rails') ? 1500 : 3000;
    for (let iteration = 0; iteration < warmup + iterations; iteration++) {
      const order = iteration % 2 === 0 ? names : [...names].reverse();
      const took = {} as Record<Name, number>;
      for (const name of order) {
        const started = performance.now();
        await loops[name]?.handle(signal(), { actor });
        took[name] = performance.now() - started;
      }
      if (iteration % 500 === 0) memoryExporter.reset();
      if (iteration < warmup) continue;
      for (const name of names) {
        times[name]?.push(took[name] as number);
        ratios[name]?.push((took[name] as number) / (took[names[0] as Name] as number));
      }
    }
    for (const name of names) {
      console.log(
        `| ${workload} | ${name} | ${(median(times[name] ?? []) * 1000).toFixed(0)} µs | ${median(ratios[name] ?? []).toFixed(2)}x |`,
      );
    }
  }, 300_000);
}
