// Profiling driver (not a test): node --cpu-prof on a bundle of this file.
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
  { name: 'rules', kind: 'deterministic', evaluate: () => allow('no rule matched', { revision: 1 }) },
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
        { id: 'h-1', title: 'Credit the account', confidence: 0.9, action: { name: 'credit', input: { account: 'acme', amount: 1 } } },
      ],
      act: createActStep(log),
    },
  };
}
const noopExporter: SpanExporter = { export: (_s, done) => done({ code: 0 }), shutdown: () => Promise.resolve() };
const mode = process.env.MODE ?? 'sdk';
const loop =
  mode === 'off'
    ? createLoop(loopConfig())
    : mode === 'api'
      ? createLoop(createGuardloopTelemetry().instrumentLoop(loopConfig()))
      : createLoop(
          createGuardloopTelemetry({
            tracerProvider: new TracerProvider({ spanProcessors: [new BatchSpanProcessor({ exporter: noopExporter })] }),
            meterProvider: new MeterProvider(),
          }).instrumentLoop(loopConfig()),
        );
let count = 0;
const actor = { ...agent, roles: ['agent'] };
const n = Number(process.env.N ?? 20000);
for (let i = 0; i < n; i++) {
  if (i === 2000) console.time(mode);
  await loop.handle({ source: 'email', kind: 'ticket', payload: { body: tickets[count % tickets.length], n: count++ } }, { actor });
}
console.timeEnd(mode);
