// The loops of otel.bench.ts, in one place, so the bench and the profiling driver
// (profile-loop.ts) measure the same thing: every candidate over one workload, built the same way.
import { PGlite } from '@electric-sql/pglite';
import { allow, createLoop, type Loop, type LoopConfig, type Rail } from '@guardloop/core';
import { createPgliteClient, migrate } from '@guardloop/postgres';
import { createPostgresUndoLogStore } from '@guardloop/postgres/undo-log';
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
import { createGuardloopTelemetry } from '../create-guardloop-telemetry';
import { withBareSpansInPlace } from './in-place-floor';
import { createNineRails } from './nine-rails';
import { agent, createBankLog } from './telemetry-harness';

/** Async context on for every candidate, as a host that wants model calls nested has it. */
export function enableAsyncContext() {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
}

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

export const workloads = [
  'trivial steps, 4 trivial rails',
  'local classifier, 3 semantic rails',
  'local classifier, the 9 rails of the loop benchmark',
  'local classifier, the 9 rails, undo log on PGlite (the embedded default store)',
] as const;
export type Workload = (typeof workloads)[number];

// The nine rails of "Signals per second through the loop" (docs/benchmarks.md), made once.
let nineRails: Promise<Rail[]> | undefined;

/** The PostgreSQL undo-log store over an in-memory PGlite, migrated: one database per loop. */
async function pgliteStore() {
  const client = createPgliteClient(new PGlite());
  await migrate(client);
  return createPostgresUndoLogStore({ client });
}

async function loopConfig(workload: Workload): Promise<LoopConfig> {
  const onPglite = workload === workloads[3];
  const { log } = createBankLog(onPglite ? await pgliteStore() : undefined);
  const trivial = workload === workloads[0];
  nineRails ??= createNineRails(classifier);
  return {
    actions: log,
    rails: trivial
      ? trivialRails
      : workload === workloads[2] || onPglite
        ? await nineRails
        : helpdeskRails,
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

export const noopExporter: SpanExporter = {
  export: (_spans, done) => done({ code: 0 }),
  shutdown: () => Promise.resolve(),
};
/** Reset now and then by the runner, so it does not grow for the whole run. */
export const memoryExporter = new InMemorySpanExporter();

// The SDK defaults (queue 2 048, batch 512, 5 s delay): what a host gets from the README wiring.
const batchProvider = (exporter: SpanExporter) =>
  new TracerProvider({ spanProcessors: [new BatchSpanProcessor({ exporter })] });

async function instrumented(workload: Workload, exporter: SpanExporter) {
  const telemetry = createGuardloopTelemetry({
    tracerProvider: batchProvider(exporter),
    meterProvider: new MeterProvider(),
  });
  return createLoop(telemetry.instrumentLoop(await loopConfig(workload)));
}

let count = 0;
export const signal = () => ({
  source: 'email',
  kind: 'ticket' as const,
  payload: { body: tickets[count % tickets.length], n: count++ },
});
export const actor = { ...agent, roles: ['agent'] };

/** Spans one signal of `workload` emits, and its status, counted on an instrumented run. */
export async function spansPerSignal(workload: Workload) {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new TracerProvider({
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const loop = createLoop(
    createGuardloopTelemetry({ tracerProvider }).instrumentLoop(await loopConfig(workload)),
  );
  const result = await loop.handle(signal(), { actor });
  return { status: result.status, spans: exporter.getFinishedSpans().length };
}

/** The loop without instrumentation, plus `spans` bare spans per signal: the SDK's own cost. */
async function sdkFloor(workload: Workload, spans: number) {
  const tracer = batchProvider(noopExporter).getTracer('floor');
  return createLoop({
    ...(await loopConfig(workload)),
    onEvent(event) {
      if (event.type !== 'loop.acted') return;
      const root = tracer.startSpan('floor');
      const parent = trace.setSpan(context.active(), root);
      for (let index = 1; index < spans; index++) tracer.startSpan('child', {}, parent).end();
      root.end();
    },
  });
}

/** The same bare spans, started and ended where the instrumentation makes its own. */
async function sdkFloorInPlace(workload: Workload) {
  const tracer = batchProvider(noopExporter).getTracer('floor');
  return createLoop(withBareSpansInPlace(await loopConfig(workload), tracer));
}

/** Every candidate of one workload, the baseline first. */
export async function createCandidates(
  workload: Workload,
  spans: number,
): Promise<Record<string, Loop>> {
  return {
    'off (baseline)': createLoop(await loopConfig(workload)),
    'on, API only (no SDK registered)': createLoop(
      createGuardloopTelemetry().instrumentLoop(await loopConfig(workload)),
    ),
    [`SDK floor: off + ${spans} bare spans, BatchSpanProcessor, no-op exporter`]: await sdkFloor(
      workload,
      spans,
    ),
    [`SDK floor in place: the same ${spans} bare spans where the instrumentation makes them`]:
      await sdkFloorInPlace(workload),
    'on, BatchSpanProcessor, no-op exporter': await instrumented(workload, noopExporter),
    'on, BatchSpanProcessor, in-memory exporter': await instrumented(workload, memoryExporter),
  };
}

/** The candidates otel-isolated.bench.ts runs, each alone in its process. */
export const isolatedCandidates = {
  off: 'off (baseline)',
  floor: 'SDK floor in place: bare spans where the instrumentation makes them',
  noop: 'on, BatchSpanProcessor, no-op exporter',
  memory: 'on, BatchSpanProcessor, in-memory exporter',
} as const;
export type IsolatedCandidate = keyof typeof isolatedCandidates;

/** Only the one candidate of `workload` named, so that its process builds no other loop. */
export async function createCandidate(workload: Workload, name: IsolatedCandidate): Promise<Loop> {
  if (name === 'off') return createLoop(await loopConfig(workload));
  if (name === 'floor') return sdkFloorInPlace(workload);
  return instrumented(workload, name === 'noop' ? noopExporter : memoryExporter);
}
