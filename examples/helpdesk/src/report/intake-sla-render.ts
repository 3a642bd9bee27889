import type { IntakeSummary, SlaMetricSummary, SlaRow } from './intake-sla';
import type { TicketSlaKpis, TicketSlaPhaseKpis } from './intake-sla-kpis';
import { escapeHtml } from './svg-charts';

const duration = (ms: number | null) =>
  ms === null
    ? 'n/a'
    : ms < 3_600_000
      ? `${Math.round(ms / 60_000)} min`
      : `${(ms / 3_600_000).toFixed(1)} h`;

const breaches = (metric: SlaMetricSummary | null) =>
  metric ? `${metric.breached}/${metric.runs}` : 'n/a';

function doors(summary: IntakeSummary): string {
  const { paths } = summary;
  return `${paths.email} raw emails, ${paths.zendesk} Zendesk and ${paths.freshdesk} Freshdesk webhooks, ${paths.web_form} web forms; ${summary.rejected} rejected, ${summary.unknownValues} unknown field values; ${summary.reopenedByEmail} of ${summary.emailReplies} customer email replies reopened their ticket`;
}

const cells = (row: SlaRow) => {
  const { firstResponse: first, resolution } = row;
  return [
    `${row.policy} ${row.priority}`,
    String(row.tickets),
    duration(first?.targetMs ?? null),
    duration(first?.median ?? null),
    duration(first?.p90 ?? null),
    breaches(first),
    duration(resolution?.targetMs ?? null),
    duration(resolution?.median ?? null),
    duration(resolution?.p90 ?? null),
    breaches(resolution),
  ];
};

const headers = [
  'policy, priority',
  'tickets',
  'FR target',
  'FR median',
  'FR p90',
  'FR breached',
  'res. target',
  'res. median',
  'res. p90',
  'res. breached',
];

const percent = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`);

const breachCell = (entry: { breached: number; runs: number } | undefined) =>
  entry ? `${entry.breached}/${entry.runs}` : 'n/a';

/** Rows of the feedback KPI comparison: label, baseline, after. */
function kpiRows(kpis: TicketSlaKpis): string[][] {
  const { baseline, after } = kpis;
  const both = (pick: (phase: TicketSlaPhaseKpis) => string) => [pick(baseline), pick(after)];
  const keyed = (dimension: 'byPriority' | 'byPolicy', label: string) =>
    [...new Set([...baseline[dimension], ...after[dimension]].map((entry) => entry.key))]
      .sort()
      .map((key) => [
        `breached, ${label} ${key}`,
        ...both((phase) => breachCell(phase[dimension].find((entry) => entry.key === key))),
      ]);
  return [
    ['first response median', ...both((phase) => duration(phase.firstResponse.median))],
    ['first response p90', ...both((phase) => duration(phase.firstResponse.p90))],
    ['resolution median', ...both((phase) => duration(phase.resolution.median))],
    ['resolution p90', ...both((phase) => duration(phase.resolution.p90))],
    ['breach rate', ...both((phase) => percent(phase.breachRate.value))],
    ...keyed('byPriority', 'priority'),
    ...keyed('byPolicy', 'policy'),
  ];
}

const phaseHeaders = (kpis: TicketSlaKpis) => [
  'feedback SLA KPI',
  `days ${kpis.phases.baseline.join('-')}`,
  `days ${kpis.phases.after.join('-')}`,
];

const monitorLine = ({ monitor }: TicketSlaKpis) =>
  `Live SLA monitor: ${monitor.warnings} warnings, ${monitor.breaches} breaches (${monitor.escalated} p1/p2 tickets moved to the on-call queue), ${monitor.outcomes} ticket_sla outcomes recorded`;

/** The terminal lines: the front doors, then first response (FR) and resolution against targets. */
export function intakeTerminalLines(summary: IntakeSummary): string[] {
  const widths = [20, 8, 10, 10, 9, 12, 12, 12, 10, 14];
  const line = (values: string[]) =>
    `  ${values.map((value, index) => (index === 0 ? value.padEnd(widths[0] ?? 0) : value.padStart(widths[index] ?? 0))).join('')}`;
  return [
    `Intake: ${doors(summary)}`,
    'Ticket SLAs (first response and resolution; breached: late or still open past the target)',
    line(headers),
    ...summary.sla.map((row) => line(cells(row))),
    monitorLine(summary.slaKpis),
    ...[phaseHeaders(summary.slaKpis), ...kpiRows(summary.slaKpis)].map(
      ([label = '', ...values]) =>
        `  ${label.padEnd(32)}${values.map((value) => value.padStart(14)).join('')}`,
    ),
  ];
}

/** The HTML section of the same. */
export function renderIntakeHtml(summary: IntakeSummary): string {
  const head = headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('');
  const body = summary.sla
    .map(
      (row) =>
        `<tr>${cells(row)
          .map((value) => `<td>${escapeHtml(value)}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  return `<h2>Intake and ticket SLAs</h2>
<p>${escapeHtml(doors(summary))}. Priority from the explainable scorer of <code>@guardloop/intake</code>; SLA policies per priority (enterprise customers tighter), evaluated on each ticket's event history.</p>
<table><tr>${head}</tr>${body}</table>
<p>${escapeHtml(monitorLine(summary.slaKpis))}. The KPIs below are @guardloop/feedback's, from those outcomes, baseline vs after learning.</p>
<table><tr>${phaseHeaders(summary.slaKpis)
    .map((header) => `<th>${escapeHtml(header)}</th>`)
    .join('')}</tr>${kpiRows(summary.slaKpis)
    .map((row) => `<tr>${row.map((value) => `<td>${escapeHtml(value)}</td>`).join('')}</tr>`)
    .join('')}</table>`;
}
