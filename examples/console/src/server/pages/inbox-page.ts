import type { InboxItem } from '@guardloop/inbox';
import type { TicketSlaEvaluation } from '@guardloop/intake';
import { html } from 'hono/html';
import { time } from '../layout';
import { slaBadge, slaDeadline } from './sla-badge';
import { ticketSlaBadges } from './ticket-sla-badges';

/**
 * Pending escalations, the most urgent deadline first: the reviewer SLA (acknowledge, decide)
 * and the customer's ticket SLA (first response, resolution) side by side.
 */
export function inboxPage(
  items: InboxItem[],
  now: number,
  ticketSla: ReadonlyMap<string, TicketSlaEvaluation> = new Map(),
) {
  const sorted = [...items].sort(
    (a, b) =>
      (slaDeadline(a) ?? Number.MAX_SAFE_INTEGER) - (slaDeadline(b) ?? Number.MAX_SAFE_INTEGER),
  );
  return html`<h1>Inbox</h1>
    <p>${sorted.length} pending escalation${sorted.length === 1 ? '' : 's'}, by SLA due time.</p>
    <table class="items" data-testid="inbox-items">
      <thead><tr><th>SLA</th><th>Ticket SLA</th><th>Ticket</th><th>Action</th><th>Rail</th><th>Reason</th><th>Priority</th><th>Assignee</th><th>Escalated</th></tr></thead>
      <tbody>
        ${sorted.map(
          (item) => html`<tr data-escalation="${item.id}" data-trace="${item.traceId}">
            <td>${slaBadge(item, now)}</td>
            <td>${ticketSlaBadges(ticketSla.get(item.traceId), now)}</td>
            <td><a href="/inbox/${item.id}">${item.traceId}</a></td>
            <td><code>${item.action?.name ?? '—'}</code></td>
            <td>${item.rail ?? '—'}</td>
            <td>${item.reason}</td>
            <td>${item.priority}</td>
            <td>${item.assignee ?? '—'}</td>
            <td>${time(item.createdAt)}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
}
