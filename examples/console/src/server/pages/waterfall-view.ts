import type { SpanWaterfall } from '@guardloop/otel';
import { html } from 'hono/html';

const percent = (value: number) => `${Math.max(0, Math.min(100, value)).toFixed(2)}%`;

/** The ticket's spans as bars on one time axis (HTML and CSS: no script, no chart library). */
export function waterfallView(waterfall: SpanWaterfall | undefined) {
  if (!waterfall) return html`<p data-testid="waterfall-empty">No spans kept for this ticket.</p>`;
  const span = Math.max(waterfall.durationMs, 1);
  return html`<p>${waterfall.rows.length} spans over ${Math.round(span)} ms of simulated time; linked
      spans (outcomes, undos, approvals) are other traces that link to the ticket's.</p>
    <ol class="waterfall" data-testid="waterfall">${waterfall.rows.map((row) => {
      const left = (row.offsetMs / span) * 100;
      const width = (row.durationMs / span) * 100;
      return html`<li class="waterfall-row${row.linked ? ' linked' : ''} span-${row.status}" data-span="${row.name}">
        <span class="waterfall-name" style="padding-left: ${row.depth * 1.2}em">${row.name}</span>
        <span class="waterfall-track"><span class="waterfall-bar" style="left: ${percent(left)}; width: ${percent(width)}"></span></span>
        <span class="waterfall-detail">${Math.round(row.durationMs)} ms ${row.detail}</span>
      </li>`;
    })}</ol>`;
}
