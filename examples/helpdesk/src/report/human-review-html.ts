import type { HumanReviewSummary, ReviewRow } from './human-review';
import { escapeHtml, stackedBars } from './svg-charts';

const percent = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`);
const duration = (ms: number | null) =>
  ms === null
    ? 'n/a'
    : ms < 3_600_000
      ? `${Math.round(ms / 60_000)} min`
      : `${(ms / 3_600_000).toFixed(1)} h`;

const rows = (review: readonly ReviewRow[]) =>
  review
    .map(
      (row) =>
        `<tr><td>${escapeHtml(row.key)}</td><td>${row.decided}</td><td>${row.approved}</td><td>${row.edited}</td><td>${row.rejected}</td><td>${percent(row.approvalRate)}</td><td>${row.slaBreached}</td></tr>`,
    )
    .join('');

const header =
  '<tr><th>{by}</th><th>decided</th><th>approved</th><th>with edits</th><th>rejected</th><th>approval rate</th><th>SLA breached</th></tr>';

/** The inbox section of the HTML report: decision times, approval rates, SLA breaches. */
export function renderHumanReviewHtml(review: HumanReviewSummary): string {
  const chart = stackedBars({
    title: 'Inbox decisions by the rail that escalated',
    keys: ['approved', 'approved with edits', 'rejected'],
    colors: ['#16a34a', '#f59e0b', '#dc2626'],
    rows: review.byRail.map((row) => ({
      label: row.key,
      values: [row.approved, row.edited, row.rejected],
    })),
  });
  return `<h2>Human review: the inbox</h2>
<p>${review.decided} escalations decided by agents: ${review.approved} approved (the AI was right), ${review.edited} approved with edits, ${review.rejected} rejected; approval rate ${percent(review.approvalRate.value)}. Claimed after ${duration(review.acknowledge.median)} (median) / ${duration(review.acknowledge.p90)} (p90), decided after ${duration(review.decide.median)} / ${duration(review.decide.p90)}. SLA breached on ${percent(review.slaBreachRate.value)} of escalations (the hourly SLA monitor caught ${review.breaches.acknowledge} acknowledge and ${review.breaches.decide} decide breaches while the item was pending).</p>
${chart}
<table>${header.replace('{by}', 'rail')}${rows(review.byRail)}</table>
<table>${header.replace('{by}', 'action')}${rows(review.byAction)}</table>`;
}
