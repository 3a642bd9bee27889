import type { InboxItem } from '@guardloop/inbox';
import { html } from 'hono/html';
import type { z } from 'zod';
import { inputFields } from '../input-form';
import { csrfField, json, time } from '../layout';
import { slaBadge } from './sla-badge';

export interface ItemPageOptions {
  item: InboxItem;
  now: number;
  csrfToken: string;
  /** From the inbox's reviewer policy: no decision buttons for a reviewer it would refuse. */
  mayDecide: boolean;
  refusal?: string | undefined;
  inputSchema?: z.ZodType | undefined;
}

/** One escalation: why the rails escalated it, and the decision forms. */
export function itemPage({
  item,
  now,
  csrfToken,
  mayDecide,
  refusal,
  inputSchema,
}: ItemPageOptions) {
  const input = (item.action?.input ?? {}) as Record<string, unknown>;
  const pending = item.status === 'pending';
  return html`<h1>Escalation for <a href="/tickets/${item.traceId}">${item.traceId}</a> ${slaBadge(item, now)}</h1>
    <dl class="facts">
      <dt>Status</dt><dd data-testid="item-status">${item.status}</dd>
      <dt>Deciding rail</dt><dd>${item.rail ?? '—'}</dd>
      <dt>Reason</dt><dd>${item.reason}</dd>
      <dt>Priority / queue</dt><dd>${item.priority} / ${item.queue}</dd>
      <dt>Acknowledge by</dt><dd>${time(item.acknowledgeBy)}</dd>
      <dt>Decide by</dt><dd>${time(item.decideBy)}</dd>
      <dt>Assignee</dt><dd data-testid="assignee">${item.assignee ?? '—'}</dd>
    </dl>
    <h2>Proposed action</h2>
    <p><code data-testid="proposed-action">${item.action?.name ?? 'none'}</code> on ${item.action?.resource ?? '—'}</p>
    ${json(input)}
    <h2>Evidence</h2>
    ${json(item.evidence)}
    <h2>Verdicts</h2>
    <table class="verdicts">
      <thead><tr><th>Rail</th><th>Kind</th><th>Verdict</th><th>Reason</th></tr></thead>
      <tbody>${(item.verdicts as Array<Record<string, unknown>>).map(
        (verdict) => html`<tr><td>${String(verdict.rail)}</td><td>${String(verdict.kind)}</td>
          <td class="verdict-${String(verdict.verdict ?? 'none')}">${String(verdict.verdict ?? verdict.status)}</td><td>${String(verdict.reason)}</td></tr>`,
      )}</tbody>
    </table>
    ${pending ? decisionForms(item, csrfToken, mayDecide, refusal, inputSchema, input) : decided(item)}
    <h2>History</h2>
    <ol class="history">${item.history.map(
      (entry) =>
        html`<li>${time(entry.at)} <strong>${entry.type}</strong> ${entry.actor?.id ?? ''} ${entry.note ?? ''}</li>`,
    )}</ol>`;
}

function decided(item: InboxItem) {
  return html`<h2>Decision</h2>
    <p data-testid="decision">${item.decision?.kind ?? item.status} by ${item.decision?.reviewer.id ?? '—'}
      ${item.decision?.note ? html`: ${item.decision.note}` : ''}</p>
    ${item.result === null ? '' : json(item.result)}`;
}

function decisionForms(
  item: InboxItem,
  csrfToken: string,
  mayDecide: boolean,
  refusal: string | undefined,
  inputSchema: z.ZodType | undefined,
  input: Record<string, unknown>,
) {
  const base = `/inbox/${item.id}`;
  const claim = html`<form method="post" action="${base}/claim" class="inline">${csrfField(csrfToken)}
      <button type="submit" data-testid="claim">Claim</button></form>`;
  if (!mayDecide)
    return html`<h2>Decide</h2>${claim}
      <p class="notice" data-testid="no-authority">You may not decide this: ${refusal ?? 'no grant for this action'}.</p>`;
  return html`<h2>Decide</h2>${claim}
    <form method="post" action="${base}/approve" class="decision">${csrfField(csrfToken)}
      <input type="hidden" name="inputHash" value="${item.inputHash ?? ''}" />
      <label>Note <input name="note" maxlength="2000" /></label>
      <button type="submit" data-testid="approve">Approve</button>
    </form>
    ${
      inputSchema
        ? html`<form method="post" action="${base}/approve-with-edits" class="decision" data-testid="edit-form">${csrfField(csrfToken)}
          <fieldset><legend>Edit, then approve</legend>${inputFields(inputSchema, input)}
          <label>Note <input name="note" maxlength="2000" /></label></fieldset>
          <button type="submit" data-testid="approve-with-edits">Approve with edits</button>
        </form>`
        : ''
    }
    <form method="post" action="${base}/reject" class="decision">${csrfField(csrfToken)}
      <label>Reason <input name="reason" required maxlength="2000" /></label>
      <button type="submit" data-testid="reject">Reject</button>
    </form>`;
}
