import { attributes, spanNames } from '@guardloop/otel';
import type { HrTime } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';

export interface WaterfallRow {
  name: string;
  /** Nesting within its own OTel trace. */
  depth: number;
  /** Reached by a span link (an outcome, a resumed run, an undo), not as a child. */
  linked: boolean;
  startMs: number;
  endMs: number;
  status: 'ok' | 'error' | 'unset';
  /** The few attributes worth a glance: verdict, rail, decision, outcome. */
  detail: string;
}

export interface SpanWaterfall {
  /** The guardloop trace id of the decision. */
  traceId: string;
  rows: WaterfallRow[];
  startMs: number;
  endMs: number;
}

const toMs = ([seconds, nanos]: HrTime) => seconds * 1000 + nanos / 1e6;
const idOf = (span: ReadableSpan) => span.spanContext().spanId;
// The rail's name is in the span name already.
const detailKeys = [
  attributes.loopStatus,
  attributes.verdictType,
  attributes.decisionVerdict,
  attributes.escalationRail,
  attributes.humanDecision,
  attributes.outcomeDecision,
  attributes.outcomeScore,
  attributes.actionReplayed,
];

/** One trace's spans depth first, children in start order. */
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
          .map((key) => `${key.split('.').slice(-2).join('.')}=${String(span.attributes[key])}`)
          .join(' '),
      });
      visit(idOf(span), depth + 1);
    }
  };
  visit(undefined, 0);
  return rows;
}

/** The spans that link to any of `targets`, grouped by their OTel trace. */
function linkedTraces(spans: ReadableSpan[], targets: Set<string>, seen: Set<string>) {
  const traces = new Set<string>();
  for (const span of spans) {
    const traceId = span.spanContext().traceId;
    if (seen.has(traceId)) continue;
    if (span.links.some((link) => targets.has(link.context.spanId))) traces.add(traceId);
  }
  return [...traces];
}

/**
 * The waterfall of one escalated ticket, from its signal to its last outcome: the decision
 * trace, then every trace that links to it (the resumed run after the human decision, outcome
 * spans, undos), and what links to those. An escalation with the most linked spans is shown.
 */
export function spanWaterfall(spans: ReadableSpan[]): SpanWaterfall | undefined {
  const byTrace = new Map<string, ReadableSpan[]>();
  for (const span of spans) {
    const traceId = span.spanContext().traceId;
    byTrace.set(traceId, [...(byTrace.get(traceId) ?? []), span]);
  }
  const escalated = spans.filter(
    (span) =>
      span.name === spanNames.loop && span.attributes[attributes.loopStatus] === 'escalated',
  );
  let best: SpanWaterfall | undefined;
  for (const root of escalated) {
    const seen = new Set([root.spanContext().traceId]);
    const groups = [treeRows(byTrace.get(root.spanContext().traceId) ?? [], false)];
    let targets = new Set((byTrace.get(root.spanContext().traceId) ?? []).map(idOf));
    // Links can chain (an undo links to an action of the resumed run): follow a few hops.
    for (let hop = 0; hop < 3 && targets.size > 0; hop++) {
      const next = new Set<string>();
      for (const traceId of linkedTraces(spans, targets, seen)) {
        seen.add(traceId);
        const traceSpans = byTrace.get(traceId) ?? [];
        groups.push(treeRows(traceSpans, true));
        for (const span of traceSpans) next.add(idOf(span));
      }
      targets = next;
    }
    // Each trace stays a tree; the traces follow each other in time.
    const rows = groups.sort((a, b) => (a[0]?.startMs ?? 0) - (b[0]?.startMs ?? 0)).flat();
    const linkedCount = rows.filter((row) => row.linked).length;
    if (best && linkedCount <= best.rows.filter((row) => row.linked).length) continue;
    best = {
      traceId: String(root.attributes[attributes.traceId] ?? ''),
      rows,
      startMs: Math.min(...rows.map((row) => row.startMs)),
      endMs: Math.max(...rows.map((row) => row.endMs)),
    };
  }
  return best;
}
