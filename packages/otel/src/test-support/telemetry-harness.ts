import { createManualClock } from '@guardloop/core';
import {
  createMemoryUndoLogStore,
  createUndoLog,
  defineAction,
  type UndoLogStore,
} from '@guardloop/undo-log';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider, type MetricData, MetricReader } from '@opentelemetry/sdk-metrics';
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { z } from 'zod';

/** A reader the test collects on demand. */
class TestMetricReader extends MetricReader {
  protected override onShutdown() {
    return Promise.resolve();
  }
  protected override onForceFlush() {
    return Promise.resolve();
  }
}

let contextManager: AsyncLocalStorageContextManager | undefined;

/** In-memory spans and metrics, with async context so nested spans find their parent. */
export function createHarness() {
  if (!contextManager) {
    contextManager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(contextManager);
  }
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new TracerProvider({
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const reader = new TestMetricReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  const clock = createManualClock(1_700_000_000_000);
  const spans = () => exporter.getFinishedSpans();
  const span = (name: string): ReadableSpan => {
    const found = spans().filter((candidate) => candidate.name === name);
    if (found.length !== 1) throw new Error(`expected one span '${name}', found ${found.length}`);
    return found[0] as ReadableSpan;
  };
  const parentOf = (child: ReadableSpan) =>
    spans().find((candidate) => candidate.spanContext().spanId === child.parentSpanContext?.spanId);
  const metric = async (name: string): Promise<MetricData | undefined> => {
    const { resourceMetrics } = await reader.collect();
    return resourceMetrics.scopeMetrics
      .flatMap((scope) => scope.metrics)
      .find((candidate) => candidate.descriptor.name === name);
  };
  return { exporter, tracerProvider, meterProvider, clock, spans, span, parentOf, metric };
}

/** An undo log with one reversible and one irreversible action. */
/** A bank of accounts behind an undo log, on the memory store unless given another. */
export function createBankLog(store: UndoLogStore = createMemoryUndoLogStore()) {
  const balances = new Map<string, number>();
  const credit = defineAction({
    name: 'credit',
    input: z.object({ account: z.string(), amount: z.number() }),
    reversible: true,
    snapshot: (input) => ({ before: balances.get(input.account) ?? 0 }),
    do: (input) => {
      balances.set(input.account, (balances.get(input.account) ?? 0) + input.amount);
      return { ok: true };
    },
    undo: (input, { snapshot }) => {
      balances.set(input.account, snapshot.before);
    },
  });
  const close = defineAction({
    name: 'close_account',
    input: z.object({ account: z.string() }),
    reversible: false,
    do: () => ({ closed: true }),
  });
  const log = createUndoLog({ store, actions: [credit, close] });
  return { log, balances };
}

export const agent = { id: 'agent-1', type: 'ai' as const };
export const reviewer = { id: 'lea', type: 'human' as const };
