import { InvalidInputError } from '@guardloop/core';
import { context, type Span, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { attributes, buildSpanWaterfall, spanNames } from './index';

const t0 = 1_700_000_000_000;

/** Finished SDK spans of two tickets: decisions, a resumed run, an outcome and an undo. */
function recordTickets() {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const tracer = provider.getTracer('test');
  const start = (
    name: string,
    at: number,
    options: { parent?: Span; links?: Span[]; attributes?: Record<string, string | number> } = {},
  ) =>
    tracer.startSpan(
      name,
      {
        startTime: at,
        root: options.parent === undefined,
        attributes: options.attributes ?? {},
        links: (options.links ?? []).map((span) => ({ context: span.spanContext() })),
      },
      options.parent ? trace.setSpan(context.active(), options.parent) : undefined,
    );
  // Ticket t-1: escalated, resumed after the human decision, an outcome, then an undo.
  const loop = start(spanNames.loop, t0, {
    attributes: { [attributes.traceId]: 't-1', [attributes.loopStatus]: 'escalated' },
  });
  const intake = start(spanNames.intake, t0 + 1, { parent: loop });
  intake.end(t0 + 2);
  const decide = start(spanNames.decide, t0 + 3, {
    parent: loop,
    attributes: { [attributes.decisionVerdict]: 'escalate' },
  });
  const rail = start(`${spanNames.railPrefix} refund-limit`, t0 + 4, {
    parent: decide,
    attributes: { [attributes.verdictType]: 'escalate', [attributes.guardrailName]: 'x' },
  });
  rail.end(t0 + 5);
  decide.end(t0 + 6);
  loop.end(t0 + 10);
  const resume = start(spanNames.resume, t0 + 1_000, {
    links: [loop],
    attributes: { [attributes.traceId]: 't-1', [attributes.humanDecision]: 'approve' },
  });
  const action = start(`${spanNames.actionPrefix} refund`, t0 + 1_001, {
    parent: resume,
    attributes: { [attributes.actionName]: 'refund' },
  });
  action.setStatus({ code: SpanStatusCode.OK });
  action.end(t0 + 1_002);
  resume.end(t0 + 1_003);
  const outcome = start(`${spanNames.outcomePrefix} csat`, t0 + 5_000, {
    links: [loop],
    attributes: {
      [attributes.traceId]: 't-1',
      [attributes.outcomeType]: 'csat',
      [attributes.outcomeScore]: 5,
    },
  });
  outcome.end(t0 + 5_000);
  // No guardloop trace id: found through its link to the action of the resumed run.
  const undo = start(spanNames.undo, t0 + 9_000, { links: [action] });
  undo.setStatus({ code: SpanStatusCode.ERROR });
  undo.end(t0 + 9_001);
  // Ticket t-2, started later, nothing linked.
  const other = start(spanNames.loop, t0 + 20_000, {
    attributes: { [attributes.traceId]: 't-2', [attributes.loopStatus]: 'acted' },
  });
  other.end(t0 + 20_001);
  return exporter.getFinishedSpans();
}

describe('buildSpanWaterfall', () => {
  const spans = recordTickets();

  it('draws the decision trace as a tree, then the traces linked to it, in time order', () => {
    const waterfall = buildSpanWaterfall(spans, { traceId: 't-1' });
    expect(waterfall?.traceId).toBe('t-1');
    expect(waterfall?.startMs).toBe(t0);
    expect(waterfall?.durationMs).toBe(9_001);
    expect(
      waterfall?.rows.map((row) => [row.name, row.depth, row.linked, row.offsetMs, row.durationMs]),
    ).toEqual([
      [spanNames.loop, 0, false, 0, 10],
      [spanNames.intake, 1, false, 1, 1],
      [spanNames.decide, 1, false, 3, 3],
      [`${spanNames.railPrefix} refund-limit`, 2, false, 4, 1],
      [spanNames.resume, 0, true, 1_000, 3],
      [`${spanNames.actionPrefix} refund`, 1, true, 1_001, 1],
      [`${spanNames.outcomePrefix} csat`, 0, true, 5_000, 0],
      [spanNames.undo, 0, true, 9_000, 1],
    ]);
  });

  it('shows the status and the attributes worth a glance, not the others', () => {
    const rows = buildSpanWaterfall(spans, { traceId: 't-1' })?.rows ?? [];
    const byName = new Map(rows.map((row) => [row.name, row]));
    expect(byName.get(spanNames.undo)?.status).toBe('error');
    expect(byName.get(`${spanNames.actionPrefix} refund`)?.status).toBe('ok');
    expect(byName.get(spanNames.intake)?.status).toBe('unset');
    expect(byName.get(spanNames.loop)?.attributes).toEqual({
      [attributes.loopStatus]: 'escalated',
    });
    expect(byName.get(`${spanNames.railPrefix} refund-limit`)?.detail).toBe(
      'verdict.type=escalate',
    );
    expect(byName.get(`${spanNames.outcomePrefix} csat`)?.detail).toBe(
      'outcome.type=csat outcome.score=5',
    );
  });

  it('draws the trace of the earliest root without a trace id', () => {
    expect(buildSpanWaterfall([...spans].reverse())?.traceId).toBe('t-1');
    expect(buildSpanWaterfall(spans, { traceId: 't-2' })?.rows).toHaveLength(1);
  });

  it('answers undefined for an unknown trace id or no spans', () => {
    expect(buildSpanWaterfall(spans, { traceId: 'unknown' })).toBeUndefined();
    expect(buildSpanWaterfall([])).toBeUndefined();
  });

  it('refuses malformed spans and options with invalid_input', () => {
    const refused = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return InvalidInputError.isInstance(error) ? error.code : error;
      }
      return 'accepted';
    };
    expect(refused(() => buildSpanWaterfall('spans' as never))).toBe('invalid_input');
    expect(refused(() => buildSpanWaterfall([null] as never))).toBe('invalid_input');
    expect(refused(() => buildSpanWaterfall([{ name: 'x' }] as never))).toBe('invalid_input');
    const [first] = spans;
    const broken = {
      ...first,
      spanContext: () => {
        throw new Error('gone');
      },
    };
    expect(refused(() => buildSpanWaterfall([broken] as never))).toBe('invalid_input');
    const blank = { ...first, spanContext: () => ({ traceId: '', spanId: '' }) };
    expect(refused(() => buildSpanWaterfall([blank] as never))).toBe('invalid_input');
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
      },
    );
    expect(refused(() => buildSpanWaterfall([hostile] as never))).toBe('invalid_input');
    expect(refused(() => buildSpanWaterfall(spans, { traceId: '' }))).toBe('invalid_input');
    expect(refused(() => buildSpanWaterfall(spans, { trace: 't-1' } as never))).toBe(
      'invalid_input',
    );
  });
});
