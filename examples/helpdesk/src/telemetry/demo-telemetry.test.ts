import { PGlite } from '@electric-sql/pglite';
import { attributes, spanNames } from '@guardloop/otel';
import type { Classifier } from '@guardloop/semantic';
import { type HelpdeskIntent, helpdeskIntents } from '@guardloop/semantic/data';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalatedTicketWaterfall, renderSpanWaterfallHtml } from '../report/span-waterfall-html';
import { type ReplayResult, runReplay } from '../simulation/replay';
import { createDemoTelemetry } from './demo-telemetry';
import { otlpJsonPath, toOtlpJson } from './otlp-json';
import { createSeededIdGenerator } from './seeded-id-generator';

// Stands in for the OpenAI model: abstains, so unsure tickets escalate.
const fakeModel: Classifier<HelpdeskIntent> = {
  name: 'fake-model',
  labels: helpdeskIntents,
  floor: 0.6,
  async classify() {
    return {
      label: 'bug_report',
      confidence: 0.3,
      scores: {},
      abstained: true,
      classifier: 'fake',
    };
  },
};

describe('the help-desk replay with telemetry on', () => {
  const database = new PGlite();
  let replay: ReplayResult;
  let spans: ReadableSpan[];
  const parentOf = (span: ReadableSpan) =>
    spans.find((other) => other.spanContext().spanId === span.parentSpanContext?.spanId);

  beforeAll(async () => {
    replay = await runReplay({
      database,
      seed: 5,
      days: 2,
      ticketsPerDay: 10,
      baselineDays: 1,
      memoryCounters: true,
      classifier: { folds: 2, model: fakeModel },
      telemetry: createDemoTelemetry({ seed: 5 }),
    });
    spans = replay.telemetry?.spans() ?? [];
    // Classifier training and PGlite: slow on a shared machine.
  }, 180_000);
  afterAll(() => database.close());

  it('records a loop root per ticket with its step and rail spans beneath', () => {
    const roots = spans.filter((span) => span.name === spanNames.loop);
    expect(roots.length).toBeGreaterThan(10);
    for (const root of roots) expect(root.parentSpanContext).toBeUndefined();
    const steps = spans.filter((span) => span.name === spanNames.classify);
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) expect(parentOf(step)?.name).toBe(spanNames.loop);
    const rails = spans.filter((span) => span.name.startsWith(`${spanNames.railPrefix} `));
    expect(rails.length).toBeGreaterThan(roots.length);
    for (const rail of rails) expect(parentOf(rail)?.name).toMatch(/^guardloop\.(decide|loop)/);
    // Simulated time: every span starts inside the replayed weeks, not at the wall clock.
    for (const span of spans)
      expect(span.startTime[0] * 1000).toBeGreaterThanOrEqual(replay.start - 3 * 86_400_000);
  });

  it('links the inbox decision outcome to the decision trace of its escalation', () => {
    const decisions = spans.filter(
      (span) => span.attributes[attributes.outcomeType] === 'human_decision',
    );
    expect(decisions.length).toBeGreaterThan(0);
    for (const outcome of decisions) {
      const linked = spans.find(
        (span) => span.spanContext().spanId === outcome.links[0]?.context.spanId,
      );
      expect(linked?.name).toBe(spanNames.loop);
      expect(linked?.attributes[attributes.loopStatus]).toBe('escalated');
      expect(linked?.attributes[attributes.traceId]).toBe(outcome.attributes[attributes.traceId]);
    }
  });

  it('draws one escalated ticket from its signal to its linked outcomes', () => {
    const waterfall = escalatedTicketWaterfall(spans);
    expect(waterfall?.rows[0]?.name).toBe(spanNames.loop);
    expect(waterfall?.rows.some((row) => row.name === spanNames.intake)).toBe(true);
    expect(
      waterfall?.rows.some((row) => row.linked && row.name.startsWith(spanNames.outcomePrefix)),
    ).toBe(true);
    const html = renderSpanWaterfallHtml(spans);
    expect(html).toContain('Traces: one escalated ticket');
    expect(html).toContain(`<code>${waterfall?.traceId}</code>`);
    expect(renderSpanWaterfallHtml(undefined)).toContain('No spans recorded');
  });

  it('exports the spans as OTLP JSON', () => {
    const request = JSON.parse(toOtlpJson(spans));
    expect(request.resourceSpans).toHaveLength(1);
    const exported = request.resourceSpans[0].scopeSpans.flatMap(
      (scope: { spans: unknown[] }) => scope.spans,
    );
    expect(exported).toHaveLength(spans.length);
    expect(JSON.stringify(request.resourceSpans[0].resource)).toContain('helpdesk-demo');
  });
});

describe('otlpJsonPath', () => {
  it('reads the flag, its = form, then the environment', () => {
    expect(otlpJsonPath(['--', '--otlp-json', 'a.json'], {})).toBe('a.json');
    expect(otlpJsonPath(['--otlp-json=b.json'], {})).toBe('b.json');
    expect(otlpJsonPath([], { GUARDLOOP_OTLP_JSON: 'c.json' })).toBe('c.json');
    expect(otlpJsonPath([], {})).toBeUndefined();
  });

  it('rejects the flag without a file', () => {
    expect(() => otlpJsonPath(['--otlp-json'], {})).toThrow(/--otlp-json needs a file/);
    expect(() => otlpJsonPath(['--otlp-json', '--other'], {})).toThrow(/--otlp-json needs a file/);
  });
});

describe('createSeededIdGenerator', () => {
  it('gives the same valid ids for the same seed', () => {
    const first = createSeededIdGenerator(3);
    const second = createSeededIdGenerator(3);
    const ids = [first.generateTraceId(), first.generateSpanId()];
    expect([second.generateTraceId(), second.generateSpanId()]).toEqual(ids);
    expect(ids[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(ids[1]).toMatch(/^[0-9a-f]{16}$/);
  });
});
