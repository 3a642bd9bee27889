// A profiling driver, not a test: the bench loops bundled from source and run outside vitest
// (whose module runner adds a getter call per cross-module access), interleaved per signal.
//   esbuild src/test-support/profile-loop.ts --bundle --platform=node --format=esm \
//     --conditions=@guardloop/source --outfile=/tmp/profile.mjs
//   WORKLOAD=helpdesk node /tmp/profile.mjs            # medians and ratios of every mode
//   MODE=sdk N=20000 node --cpu-prof /tmp/profile.mjs  # one mode, for the profiler
import { allow, createLoop, type LoopConfig, type Rail } from '@guardloop/core';
import { brandSafetyRail, createIntentStep, intentRail, piiRail } from '@guardloop/semantic';
import { createHelpdeskClassifier, loadHelpdeskDataset } from '@guardloop/semantic/data';
import { createActStep } from '@guardloop/undo-log';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, type SpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';
import { createGuardloopTelemetry } from '../create-guardloop-telemetry';
import { agent, createBankLog } from './telemetry-harness';

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
const classifier = createHelpdeskClassifier({ seed: 42 });
const tickets = loadHelpdeskDataset({ seed: 42 })
  .train.filter((example) => example.label === 'password_reset')
  .map((example) => example.text);
const helpdeskRails: Rail[] = [
  piiRail({ onDetected: 'allow' }),
  brandSafetyRail(),
  intentRail({ classifier, allowed: ['password_reset'] }),
];
const trivial = process.env.WORKLOAD !== 'helpdesk';
function loopConfig(): LoopConfig {
  const { log } = createBankLog();
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
  export: (_s, done) => done({ code: 0 }),
  shutdown: () => Promise.resolve(),
};
const sdkLoop = () =>
  createLoop(
    createGuardloopTelemetry({
      tracerProvider: new TracerProvider({
        spanProcessors: [new BatchSpanProcessor({ exporter: noopExporter })],
      }),
      meterProvider: new MeterProvider(),
    }).instrumentLoop(loopConfig()),
  );
const loops: Record<string, ReturnType<typeof createLoop>> = {
  off: createLoop(loopConfig()),
  listener: createLoop({ ...loopConfig(), onEvent: () => {} }),
  api: createLoop(createGuardloopTelemetry().instrumentLoop(loopConfig())),
  sdk: sdkLoop(),
  traceOnly: createLoop(
    createGuardloopTelemetry({
      tracerProvider: new TracerProvider({
        spanProcessors: [new BatchSpanProcessor({ exporter: noopExporter })],
      }),
    }).instrumentLoop(loopConfig()),
  ),
  metricsOnly: createLoop(
    createGuardloopTelemetry({ meterProvider: new MeterProvider() }).instrumentLoop(loopConfig()),
  ),
};
const only = process.env.MODE;
const names = only ? [only] : Object.keys(loops);
let count = 0;
const actor = { ...agent, roles: ['agent'] };
const n = Number(process.env.N ?? 5000);
const times: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
for (let i = 0; i < n; i++) {
  const order = i % 2 ? names : [...names].reverse();
  for (const name of order) {
    const started = performance.now();
    await loops[name]?.handle(
      {
        source: 'email',
        kind: 'ticket',
        payload: { body: tickets[count % tickets.length], n: count++ },
      },
      { actor },
    );
    if (i > 500) times[name]?.push(performance.now() - started);
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
const base = median(times[names[0] as string] ?? []);
for (const name of names) {
  const m = median(times[name] ?? []);
  console.log(`${name}: ${(m * 1000).toFixed(0)} µs ${(m / base).toFixed(2)}x`);
}
