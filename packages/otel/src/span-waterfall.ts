import { parseInput } from '@guardloop/core';
import { z } from 'zod';
import { attributes } from './attributes';
import { type ReadSpan, readSpans, type WaterfallSpan } from './waterfall-span';

export type { WaterfallSpan } from './waterfall-span';

export interface SpanWaterfallOptions {
  /** The guardloop trace id to draw. Default: the trace of the earliest root span. */
  traceId?: string;
}

export interface SpanWaterfallRow {
  name: string;
  /** Nesting within its own OpenTelemetry trace. */
  depth: number;
  /** In a trace that hangs off the decision by a span link (a resumed run, an outcome, an undo). */
  linked: boolean;
  /** Milliseconds from the waterfall's start to the span's. */
  offsetMs: number;
  durationMs: number;
  status: 'ok' | 'error' | 'unset';
  /** The attributes worth a glance that the span has (verdicts, decision, action, outcome). */
  attributes: Readonly<Record<string, unknown>>;
  /** The same as `status=escalated verdict.type=deny`: the last two segments of each name. */
  detail: string;
}

export interface SpanWaterfall {
  /** The guardloop trace id drawn; undefined for a trace whose spans carry none. */
  traceId: string | undefined;
  /** Epoch milliseconds of the earliest span. */
  startMs: number;
  durationMs: number;
  /** The decision trace depth first, then each linked trace, in time order. */
  rows: SpanWaterfallRow[];
}

// One list for every waterfall (a rail's name is in its span name already).
const shown = [
  attributes.loopStatus,
  attributes.verdictType,
  attributes.decisionVerdict,
  attributes.decidedBy,
  attributes.escalationRail,
  attributes.actionName,
  attributes.actionReplayed,
  attributes.humanDecision,
  attributes.outcomeType,
  attributes.outcomeDecision,
  attributes.outcomeScore,
];
const statuses = ['unset', 'ok', 'error'] as const;
const optionsSchema = z.strictObject({ traceId: z.string().min(1).optional() }).optional();

/** The OTel traces to draw: those of the guardloop trace, or of the earliest root. */
function seedTraces(spans: readonly ReadSpan[], traceId: string | undefined) {
  if (traceId !== undefined) {
    const seeds = spans.filter((read) => read.span.attributes[attributes.traceId] === traceId);
    return { traceId, seeds: new Set(seeds.map((read) => read.traceId)) };
  }
  const roots = spans.filter((read) => !read.span.parentSpanContext);
  const first = (roots.length > 0 ? roots : spans).reduce((a, b) =>
    b.startMs < a.startMs ? b : a,
  );
  const own = first.span.attributes[attributes.traceId];
  if (typeof own === 'string') return seedTraces(spans, own);
  return { traceId: undefined, seeds: new Set([first.traceId]) };
}

/** Adds every trace with a span linking into the traces drawn, until no trace is added. */
function followLinks(spans: readonly ReadSpan[], drawn: Set<string>): void {
  for (let before = -1; before !== drawn.size; ) {
    before = drawn.size;
    const known = new Set(spans.filter((read) => drawn.has(read.traceId)).map((r) => r.spanId));
    for (const read of spans) {
      if (drawn.has(read.traceId)) continue;
      if (read.span.links.some((link) => known.has(link.context.spanId))) drawn.add(read.traceId);
    }
  }
}

/** One trace's spans depth first, children in start order. */
function treeRows(trace: readonly ReadSpan[], linked: boolean, startMs: number) {
  const ids = new Set(trace.map((read) => read.spanId));
  const children = new Map<string | undefined, ReadSpan[]>();
  for (const read of trace) {
    const parent = read.span.parentSpanContext?.spanId;
    const key = parent !== undefined && ids.has(parent) ? parent : undefined;
    const siblings = children.get(key);
    if (siblings) siblings.push(read);
    else children.set(key, [read]);
  }
  const rows: SpanWaterfallRow[] = [];
  const visit = (parent: string | undefined, depth: number) => {
    const ordered = (children.get(parent) ?? []).sort((a, b) => a.startMs - b.startMs);
    for (const read of ordered) {
      const { span } = read;
      const found = shown.filter((key) => span.attributes[key] !== undefined);
      rows.push({
        name: span.name,
        depth,
        linked,
        offsetMs: read.startMs - startMs,
        durationMs: Math.max(0, read.endMs - read.startMs),
        status: statuses[span.status.code] ?? 'unset',
        attributes: Object.fromEntries(found.map((key) => [key, span.attributes[key]])),
        detail: found
          .map((key) => `${key.split('.').slice(-2).join('.')}=${String(span.attributes[key])}`)
          .join(' '),
      });
      visit(read.spanId, depth + 1);
    }
  };
  visit(undefined, 0);
  return { linked, startMs: rows[0]?.offsetMs ?? 0, rows };
}

/**
 * The waterfall of one guardloop trace, signal to outcome, from finished spans: every
 * OpenTelemetry trace holding a span with its `guardloop.trace_id`, and every trace linking into
 * those, however many hops (a resumed run, outcomes, an undo of an approved action), each drawn
 * as a tree; the decision trace first. Undefined when no span belongs to it.
 * @throws InvalidInputError (`invalid_input`) for malformed spans or options
 */
export function buildSpanWaterfall(
  spans: readonly WaterfallSpan[],
  options?: SpanWaterfallOptions,
): SpanWaterfall | undefined {
  const chosen = parseInput(optionsSchema, options, 'buildSpanWaterfall options')?.traceId;
  const read = readSpans(spans);
  if (read.length === 0) return undefined;
  const { traceId, seeds } = seedTraces(read, chosen);
  if (seeds.size === 0) return undefined;
  const drawn = new Set(seeds);
  followLinks(read, drawn);
  const byTrace = new Map<string, ReadSpan[]>();
  for (const entry of read) {
    if (!drawn.has(entry.traceId)) continue;
    const trace = byTrace.get(entry.traceId);
    if (trace) trace.push(entry);
    else byTrace.set(entry.traceId, [entry]);
  }
  // A loop, not Math.min(...spread): a long list of spans would overflow the call stack.
  let startMs = Number.POSITIVE_INFINITY;
  let endMs = Number.NEGATIVE_INFINITY;
  for (const trace of byTrace.values()) {
    for (const entry of trace) {
      startMs = Math.min(startMs, entry.startMs);
      endMs = Math.max(endMs, entry.endMs);
    }
  }
  const groups = [...byTrace].map(([id, trace]) => {
    // A trace found by a link, or whose root links elsewhere (an outcome, a resumed run), hangs off.
    const linked =
      !seeds.has(id) ||
      trace.some((entry) => !entry.span.parentSpanContext && entry.span.links.length > 0);
    return treeRows(trace, linked, startMs);
  });
  groups.sort((a, b) => Number(a.linked) - Number(b.linked) || a.startMs - b.startMs);
  return {
    traceId,
    startMs,
    durationMs: endMs - startMs,
    rows: groups.flatMap((group) => group.rows),
  };
}
