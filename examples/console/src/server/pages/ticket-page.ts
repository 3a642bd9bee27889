import type { Signal } from '@guardloop/core';
import type { StoredOutcome } from '@guardloop/feedback';
import type { InboxItem } from '@guardloop/inbox';
import type { TicketSlaEvaluation } from '@guardloop/intake';
import type { SpanWaterfall } from '@guardloop/otel';
import type { UndoLogRecord } from '@guardloop/undo-log';
import { html } from 'hono/html';
import type { TicketRecord } from '../../simulation/ticket-registry';
import { json, time } from '../layout';
import { ticketSlaBadges } from './ticket-sla-badges';
import { waterfallView } from './waterfall-view';

export interface TicketPageOptions {
  ticket: TicketRecord;
  item: InboxItem | undefined;
  records: UndoLogRecord[];
  outcomes: StoredOutcome[];
  effects: unknown;
  sla: TicketSlaEvaluation | undefined;
  /** The SLA monitor's warning and breach signals for this ticket. */
  slaAlerts: Signal[];
  waterfall: SpanWaterfall | undefined;
  now: number;
}

/** One ticket's trace: signal -> rails' decision -> escalation -> actions -> outcomes. */
export function ticketPage(options: TicketPageOptions) {
  const { ticket, item, records, outcomes, effects, sla, slaAlerts, waterfall, now } = options;
  const { decision } = ticket;
  return html`<h1>Ticket ${ticket.ticket.id} ${ticketSlaBadges(sla, now)}</h1>
    <ol class="trace" data-testid="trace">
      <li><h2>Signal</h2><p>${ticket.ticket.subject} — ${ticket.ticket.customer} via ${ticket.ticket.channel}, ${time(ticket.ticket.receivedAt)}</p></li>
      <li><h2>Decision</h2>${
        decision
          ? html`<p><strong>${decision.verdict}</strong> ${decision.decidedBy ? html`by <code>${decision.decidedBy}</code>` : ''}: ${decision.reason}</p>
            <ul>${decision.rails.map((rail) => html`<li><code>${rail.rail}</code> ${rail.verdict ?? rail.status}: ${rail.reason}</li>`)}</ul>`
          : html`<p>Saga: ${ticket.saga?.status ?? '—'}</p>`
      }</li>
      <li><h2>Escalation</h2>${
        item
          ? html`<p><a href="/inbox/${item.id}">${item.status}</a> ${item.decision ? html`— ${item.decision.kind} by ${item.decision.reviewer.id}` : ''}</p>`
          : html`<p>none</p>`
      }</li>
      <li><h2>Actions</h2><ul data-testid="trace-actions">${records.map(
        (record) =>
          html`<li><code>${record.actionName}</code> <span class="status-${record.status}">${record.status}</span> by ${record.actor.id} ${time(record.createdAt)}</li>`,
      )}</ul></li>
      <li><h2>Effect on the desk</h2>${json(effects)}</li>
      <li><h2>Outcomes</h2><ul data-testid="trace-outcomes">${outcomes.map((outcome) => {
        const detail = (outcome as { decision?: string }).decision;
        return html`<li data-outcome="${outcome.type}${detail ? `:${detail}` : ''}">${time(outcome.at)} <strong>${outcome.type}</strong> ${detail ?? ''}</li>`;
      })}</ul></li>
      <li><h2>SLA alerts</h2><ul data-testid="sla-alerts">${slaAlerts.map((signal) => {
        const payload = signal.payload as { alert?: string; target?: string };
        return html`<li data-alert="${payload.alert}:${payload.target}">${time(signal.receivedAt)} <strong>${payload.alert}</strong> ${payload.target}</li>`;
      })}</ul></li>
    </ol>
    <h2>Span waterfall</h2>
    ${waterfallView(waterfall)}`;
}
