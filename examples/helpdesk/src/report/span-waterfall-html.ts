import { attributes, buildSpanWaterfall, type SpanWaterfall, spanNames } from '@guardloop/otel';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { escapeHtml } from './svg-charts';

const offset = (ms: number) => {
  if (ms < 1_000) return `+${Math.round(ms)} ms`;
  if (ms < 3_600_000) return `+${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `+${(ms / 3_600_000).toFixed(1)} h`;
  return `+${(ms / 86_400_000).toFixed(1)} d`;
};

const style =
  '<style>.wf{font:12px ui-monospace,monospace;width:100%}.wf td{padding:1px 6px;border:0}.wf .bar{position:relative;height:12px;background:#f3f4f6;min-width:360px}.wf .bar span{position:absolute;top:1px;height:10px;min-width:3px;border-radius:2px;background:#2563eb}.wf .linked span{background:#f59e0b}.wf .error span{background:#dc2626}.wf .name{white-space:nowrap}</style>';

/** The escalated ticket with the most linked spans (a resumed run, outcomes, undos). */
export function escalatedTicketWaterfall(spans: ReadableSpan[]): SpanWaterfall | undefined {
  const linkedRows = (waterfall: SpanWaterfall) =>
    waterfall.rows.filter((row) => row.linked).length;
  let best: SpanWaterfall | undefined;
  for (const root of spans) {
    if (root.name !== spanNames.loop || root.attributes[attributes.loopStatus] !== 'escalated')
      continue;
    const traceId = String(root.attributes[attributes.traceId] ?? '');
    const candidate = traceId ? buildSpanWaterfall(spans, { traceId }) : undefined;
    if (candidate && (!best || linkedRows(candidate) > linkedRows(best))) best = candidate;
  }
  return best;
}

/**
 * The span waterfall of one escalated ticket, drawn from the recorded OpenTelemetry spans: the
 * decision trace as a tree, then the linked traces (the resumed run, outcomes) in time order.
 */
export function renderSpanWaterfallHtml(spans: ReadableSpan[] | undefined): string {
  const heading = '<h2>Traces: one escalated ticket, signal to outcome</h2>';
  if (!spans) {
    return `${heading}<p class="muted">No spans recorded: run the replay with <code>telemetry: createDemoTelemetry(...)</code> (as <code>pnpm demo</code> does).</p>`;
  }
  const waterfall = escalatedTicketWaterfall(spans);
  if (!waterfall)
    return `${heading}<p class="muted">No escalated ticket among ${spans.length} spans.</p>`;
  const span = Math.max(waterfall.durationMs, 1);
  const rows = waterfall.rows
    .map((row) => {
      const left = (row.offsetMs / span) * 100;
      const width = (row.durationMs / span) * 100;
      const kind = row.status === 'error' ? 'error' : row.linked ? 'linked' : '';
      const indent = '&nbsp;&nbsp;'.repeat(row.depth);
      return `<tr><td class="name">${indent}${row.linked && row.depth === 0 ? '↪ ' : ''}${escapeHtml(row.name)}</td><td>${offset(row.offsetMs)}</td><td class="bar ${kind}"><span style="left:${left.toFixed(2)}%;width:${width.toFixed(2)}%"></span></td><td class="muted">${escapeHtml(row.detail)}</td></tr>`;
    })
    .join('');
  return `${heading}${style}
<p>Guardloop trace <code>${escapeHtml(waterfall.traceId ?? '')}</code>, ${waterfall.rows.length} spans over ${offset(span).slice(1)} of simulated time. Blue: the decision trace (loop, steps, one span per rail); amber (↪): spans reached by an OpenTelemetry <em>link</em> to it — the run resumed after the inbox decision, the action, the outcomes recorded later. Times are the simulated clock, which stands still inside one run: its steps show as instants. <code>pnpm demo -- --otlp-json spans.json</code> writes every span as OTLP JSON.</p>
<table class="wf">${rows}</table>`;
}
