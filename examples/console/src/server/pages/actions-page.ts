import type { UndoLogRecord } from '@guardloop/undo-log';
import { html } from 'hono/html';
import type { TicketRecord } from '../../simulation/ticket-registry';
import { csrfField, time } from '../layout';

export interface ActionsPageOptions {
  records: UndoLogRecord[];
  sagas: TicketRecord[];
  csrfToken: string;
}

const isAutonomous = (record: UndoLogRecord) =>
  record.actor.type !== 'human' && record.approval === null;

/** Autonomous actions (undoable), undone actions and saga rollbacks. */
export function actionsPage({ records, sagas, csrfToken }: ActionsPageOptions) {
  const autonomous = records.filter((record) => record.status === 'done' && isAutonomous(record));
  const undone = records.filter((record) => record.status === 'undone');
  const rollbacks = sagas.filter((ticket) => ticket.saga?.status === 'rolled_back');
  return html`<h1>Actions</h1>
    <h2>Autonomous actions</h2>
    <table data-testid="autonomous-actions">
      <thead><tr><th>Ticket</th><th>Action</th><th>Input</th><th>At</th><th>Undo</th></tr></thead>
      <tbody>${autonomous.map(
        (record) => html`<tr data-action-id="${record.id}" data-trace="${record.traceId}">
          <td><a href="/tickets/${record.traceId}">${record.traceId}</a></td>
          <td><code>${record.actionName}</code></td>
          <td><code>${JSON.stringify(record.input)}</code></td>
          <td>${time(record.createdAt)}</td>
          <td>${
            record.reversible
              ? html`<form method="post" action="/actions/${record.id}/undo" class="inline undo">${csrfField(csrfToken)}
                <input name="reason" required maxlength="2000" placeholder="Why undo?" aria-label="Reason" />
                <button type="submit">Undo</button></form>`
              : 'irreversible'
          }</td>
        </tr>`,
      )}</tbody>
    </table>
    <h2>Undone actions</h2>
    <table data-testid="undone-actions">
      <thead><tr><th>Ticket</th><th>Action</th><th>By</th><th>Reason</th><th>At</th></tr></thead>
      <tbody>${undone.map(
        (record) => html`<tr data-action-id="${record.id}" data-trace="${record.traceId}">
          <td><a href="/tickets/${record.traceId}">${record.traceId}</a></td>
          <td><code>${record.actionName}</code></td>
          <td>${record.undo?.by.id ?? '—'}</td><td>${record.undo?.reason ?? '—'}</td><td>${time(record.undo?.at ?? null)}</td>
        </tr>`,
      )}</tbody>
    </table>
    <h2>Saga rollbacks</h2>
    <table data-testid="saga-rollbacks">
      <thead><tr><th>Ticket</th><th>Failed step</th><th>Rolled back</th></tr></thead>
      <tbody>${rollbacks.map(
        (ticket) => html`<tr><td><a href="/tickets/${ticket.ticket.id}">${ticket.ticket.id}</a></td>
          <td><code>${ticket.saga?.failedAction ?? '—'}</code></td><td>${(ticket.saga?.rolledBack ?? []).length} step(s)</td></tr>`,
      )}</tbody>
    </table>`;
}
