import { attributes } from '@guardloop/otel';
import type { HrTime } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';

export interface WaterfallRow {
  name: string;
  /** Nesting within its own OTel trace. */
  depth: number;
  /** In another OTel trace that links to the ticket's (an outcome, an undo, an approval). */
  linked: boolean;
  startMs: number;
  endMs: number;
  status: 'ok' | 'error' | 'unset';
  /** The few attributes worth a glance: verdict, decision, outcome. */
  detail: string;
}

export interface SpanWaterfall {
  rows: WaterfallRow[];
  startMs: number;
  endMs: number;
}

const toMs = ([seconds, nanos]: HrTime) => seconds * 1000 + nanos / 1e6;
const idOf = (span: ReadableSpan) => span.spanContext().spanId;
const detailKeys = [
  attributes.loopStatus,
  attributes.decisionVerdict,
  attributes.decidedBy,
  attributes.actionName,
  attributes.humanDecision,
  attributes.outcomeType,
  attributes.outcomeDecision,
];

/** One OTel trace's spans depth first, children in start order. */
function treeRows(spans: ReadableSpan[], linked: boolean): WaterfallRow[] {
  const ids = new Set(spans.map(idOf));
  const children = new Map<string | undefined, ReadableSpan[]>();
  for (const span of spans) {
    const parent = span.parentSpanContext?.spanId;
    const key = parent && ids.has(parent) ? parent : undefined;
    children.set(key, [...(children.get(key) ?? []), span]);
  }
  const rows: WaterfallRow[] = [];
  const visit = (parent: string | undefined, depth: number) => {
    const ordered = [...(children.get(parent) ?? [])].sort(
      (a, b) => toMs(a.startTime) - toMs(b.startTime),
    );
    for (const span of ordered) {
      rows.push({
        name: span.name,
        depth,
        linked,
        startMs: toMs(span.startTime),
        endMs: toMs(span.endTime),
        status: span.status.code === 2 ? 'error' : span.status.code === 1 ? 'ok' : 'unset',
        detail: detailKeys
          .filter((key) => span.attributes[key] !== undefined)
          .map((key) => `${key.split('.').slice(-1)[0]}=${String(span.attributes[key])}`)
          .join(' '),
      });
      visit(idOf(span), depth + 1);
    }
  };
  visit(undefined, 0);
  return rows;
}

/**
 * A ticket's waterfall from its signal to its outcomes: every OTel trace holding a span of the
 * guardloop trace, and those linking to them (the decision run first, then the outcome and
 * undo spans linked to it).
 * Undefined when no span of it is kept (the capped exporter dropped it, or it predates them).
 */
export function spanWaterfall(spans: ReadableSpan[], traceId: string): SpanWaterfall | undefined {
  const otelTraces = new Set<string>();
  for (const span of spans)
    if (span.attributes[attributes.traceId] === traceId) otelTraces.add(span.spanContext().traceId);
  if (otelTraces.size === 0) return undefined;
  // Undo spans carry no guardloop trace id: they link to the action span they undo. Follow links
  // a few hops (an undo of an approved action links into the approval's trace).
  for (let hop = 0; hop < 3; hop++) {
    const known = new Set(
      spans.filter((span) => otelTraces.has(span.spanContext().traceId)).map(idOf),
    );
    const before = otelTraces.size;
    for (const span of spans)
      if (span.links.some((link) => known.has(link.context.spanId)))
        otelTraces.add(span.spanContext().traceId);
    if (otelTraces.size === before) break;
  }
  const byTrace = new Map<string, ReadableSpan[]>();
  for (const span of spans) {
    const id = span.spanContext().traceId;
    if (otelTraces.has(id)) byTrace.set(id, [...(byTrace.get(id) ?? []), span]);
  }
  const groups = [...byTrace.values()].map((group) => {
    // The decision run is the trace without links; the rest hang off it.
    const linked = group.some((span) => span.links.length > 0 && !span.parentSpanContext);
    return treeRows(group, linked);
  });
  const rows = groups
    .sort(
      (a, b) =>
        Number(a[0]?.linked) - Number(b[0]?.linked) || (a[0]?.startMs ?? 0) - (b[0]?.startMs ?? 0),
    )
    .flat();
  return {
    rows,
    startMs: Math.min(...rows.map((row) => row.startMs)),
    endMs: Math.max(...rows.map((row) => row.endMs)),
  };
}
