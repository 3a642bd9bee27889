import type { SlaMetricResult, TicketSlaEvaluation } from '@guardloop/intake';
import { html } from 'hono/html';

export type TicketSlaBadgeState = 'due' | 'warning' | 'breached' | 'met' | 'missed' | 'paused';

const labels = {
  first_response: 'first response',
  next_response: 'next response',
  resolution: 'resolution',
};

/** One clock's state at `now`: a running clock warns from `warnAt` (the policy's warnBeforeMs). */
export function ticketSlaBadgeState(metric: SlaMetricResult, now: number): TicketSlaBadgeState {
  if (metric.status === 'running')
    return metric.warnAt !== null && now >= metric.warnAt ? 'warning' : 'due';
  return metric.status;
}

const minutes = (ms: number) => `${Math.round(Math.abs(ms) / 60_000)} min`;

function badgeText(metric: SlaMetricResult, state: TicketSlaBadgeState, now: number) {
  const label = labels[metric.metric];
  switch (state) {
    case 'due':
    case 'warning':
      return `${label} due in ${minutes((metric.dueAt ?? now) - now)}`;
    case 'breached':
      return `${label} breached ${minutes(metric.lateMs)} ago`;
    case 'missed':
      return `${label} missed by ${minutes(metric.lateMs)}`;
    case 'met':
      return `${label} met`;
    case 'paused':
      return `${label} paused`;
  }
}

/** The customer SLA badges of a ticket (the latest run of each clock), from the intake SLA tracker. */
export function ticketSlaBadges(evaluation: TicketSlaEvaluation | undefined, now: number) {
  if (!evaluation) return '';
  const latest = new Map<string, SlaMetricResult>();
  for (const metric of evaluation.metrics) latest.set(metric.metric, metric);
  return html`<span class="ticket-sla" data-testid="ticket-sla">${[...latest.values()].map(
    (metric) => {
      const state = ticketSlaBadgeState(metric, now);
      const css = state === 'met' ? 'due' : state === 'missed' ? 'breached' : state;
      return html`<span class="badge sla-${css}" data-ticket-sla="${metric.metric}:${state}">${badgeText(metric, state, now)}</span> `;
    },
  )}</span>`;
}
