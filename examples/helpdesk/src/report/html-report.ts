import { renderHumanReviewHtml } from './human-review-html';
import { renderIntakeHtml } from './intake-sla-render';
import type { DayKpis } from './kpi-summary';
import { renderLearningRunsHtml, renderMaturityHtml } from './maturity';
import { type ReportData, shortReason } from './report-data';
import { renderSpanWaterfallHtml } from './span-waterfall-html';
import { escapeHtml, lineChart, palette, stackedBars } from './svg-charts';

const percent = (value: number) => `${Math.round(value * 100)}%`;

/** A reason in a table cell: whole on hover, and behind a disclosure when it is long. */
function reasonCell(reason: string): string {
  const short = shortReason(reason);
  if (short === reason) return escapeHtml(reason);
  return `<details title="${escapeHtml(reason)}"><summary>${escapeHtml(short)}</summary>${escapeHtml(reason)}</details>`;
}
const cell = (value: number | null, format: 'percent' | 'score') =>
  value === null ? 'n/a' : format === 'percent' ? `${(value * 100).toFixed(1)}%` : value.toFixed(2);

/** A self-contained HTML page: inline SVG charts and tables, no script, no network. */
export function renderHtmlReport(data: ReportData): string {
  const { replay, kpis } = data;
  const { runLog } = replay.helpdesk;
  const labels = kpis.daily.map((day) => `d${day.day}`);
  const bands = [
    { from: kpis.phases.baseline[0] - 1, to: kpis.phases.baseline[1] - 1, label: 'baseline' },
    { from: kpis.phases.after[0] - 1, to: kpis.phases.after[1] - 1, label: 'after learning' },
  ];
  const series = (name: string, pick: (day: DayKpis) => number | null) => ({
    name,
    values: kpis.daily.map(pick),
  });
  const kpiCharts = [
    lineChart({
      title: 'Resolution per simulated day',
      labels,
      bands,
      max: 1,
      format: percent,
      series: [
        series('first-contact resolution', (day) => day.firstContactResolution),
        series('reopen rate', (day) => day.reopenRate),
      ],
    }),
    lineChart({
      title: 'Autonomy and humans per simulated day',
      labels,
      bands,
      max: 1,
      format: percent,
      series: [
        series('autonomous share', (day) => day.autonomousShare),
        series('escalation rate', (day) => day.escalationRate),
        series('override rate', (day) => day.overrideRate),
      ],
    }),
    lineChart({
      title: 'CSAT per simulated day (1-5)',
      labels,
      bands,
      min: 1,
      max: 5,
      ticks: [1, 2, 3, 4, 5],
      format: (value) => value.toFixed(0),
      series: [series('CSAT', (day) => day.csat)],
    }),
    lineChart({
      title: 'Confidence floor of the intent rail (nightly calibration)',
      labels,
      bands,
      max: 1,
      format: (value) => value.toFixed(2),
      step: true,
      series: [
        {
          name: 'floor',
          values: kpis.daily.map((day) => {
            const known = runLog.floors.filter((floor) => floor.day < day.day);
            return known.at(-1)?.floor ?? null;
          }),
        },
      ],
    }),
  ];
  const levels: Record<string, number> = { full: 1, reduced: 0.5, none: 0 };
  const autonomy = lineChart({
    title:
      'Autonomy dial (left: 1 full, 0.5 reduced, 0 none) and error budget left (right), hourly',
    labels: runLog.autonomy.map((reading) => `d${runLog.dayOf(reading.at)}`),
    max: 1,
    ticks: [0, 0.5, 1],
    format: (value) => ({ 0: 'none', 0.5: 'reduced', 1: 'full' })[value] ?? value.toFixed(2),
    rightAxis: { format: percent },
    step: true,
    width: 940,
    series: [
      { name: 'autonomy', values: runLog.autonomy.map((reading) => levels[reading.level] ?? 0) },
      {
        // An overspent budget (below 0) is drawn at 0: the axis ends there.
        name: 'error budget left',
        values: runLog.autonomy.map((reading) => Math.max(0, reading.budgetRemaining)),
        color: palette[4] as string,
      },
    ],
  });
  const railChart = stackedBars({
    title: 'Rail verdicts (every decision, every rail)',
    keys: ['allow', 'escalate', 'deny', 'skipped'],
    colors: ['#16a34a', '#f59e0b', '#dc2626', '#cbd5e1'],
    rows: runLog.rails().map((rail) => ({
      label: rail.rail,
      values: [rail.allow, rail.escalate, rail.deny, rail.skipped],
    })),
  });
  const escalationChart = stackedBars({
    title: 'Escalations and denials by the rail that decided',
    keys: ['escalated', 'denied'],
    colors: ['#f59e0b', '#dc2626'],
    rows: data.escalations.map((group) => {
      const denied = runLog.escalations.filter(
        (entry) => entry.rail === group.rail && entry.status === 'rejected',
      ).length;
      return { label: group.rail, values: [group.count - denied, denied] };
    }),
  });
  const queues = [
    ...new Set(
      runLog.routing
        .filter((entry) => entry.category === kpis.routed.category)
        .map((entry) => entry.queue),
    ),
  ];
  const routing = lineChart({
    title: `Routing of ${kpis.routed.category}: share per queue and day`,
    labels,
    bands,
    max: 1,
    format: percent,
    series: queues.map((queue) => ({
      name: queue,
      values: kpis.daily.map((day) => {
        const ofDay = runLog.routing.filter(
          (entry) => entry.day === day.day && entry.category === kpis.routed.category,
        );
        return ofDay.length === 0
          ? null
          : ofDay.filter((entry) => entry.queue === queue).length / ofDay.length;
      }),
    })),
  });
  const kpiRows = kpis.rows
    .map(
      (row) =>
        `<tr><td>${escapeHtml(row.label)}</td><td>${cell(row.baseline, row.format)}</td><td>${cell(row.after, row.format)}</td></tr>`,
    )
    .join('');
  const reasonRows = data.escalations
    .flatMap((group) =>
      group.reasons
        .slice(0, 3)
        .map(
          (reason) =>
            `<tr><td>${escapeHtml(group.rail)}</td><td>${reason.count}</td><td>${reasonCell(reason.example)}</td></tr>`,
        ),
    )
    .join('');
  const milestoneRows = runLog.milestones
    .map(
      (milestone) =>
        `<tr><td class="day">day ${milestone.day}</td><td>${escapeHtml(milestone.text)}</td></tr>`,
    )
    .join('');
  const { totals } = data;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>guardloop help-desk replay</title>
<style>body{font:14px system-ui,sans-serif;margin:24px auto;max-width:980px;color:#111827}h1{font-size:22px}h2{font-size:16px;margin-top:28px}table{border-collapse:collapse;margin:8px 0}td,th{border-bottom:1px solid #e5e7eb;padding:4px 10px;text-align:left;vertical-align:top}figure{display:inline-block;margin:6px}.muted{color:#6b7280}.day{white-space:nowrap}.simulated{background:#fef3c7;border:1px solid #f59e0b;padding:8px 12px;border-radius:6px}summary{cursor:pointer}</style></head><body>
<h1>guardloop help-desk replay</h1>
<p class="simulated"><strong>Simulated data.</strong> Every ticket, customer, agent and outcome on this page was generated by the seeded simulation of <code>examples/helpdesk</code>; none of it comes from a real help desk.</p>
<p class="muted">${totals.tickets} tickets over ${replay.days} simulated days (seed-replayable): ${totals.acted} acted autonomously, ${totals.escalated} escalated, ${totals.rejected} denied, ${totals.duplicates} duplicates dropped at intake. ${data.undos.total} autonomous actions reverted through the undo log.</p>
<h2>KPIs: baseline vs after learning</h2>
<table><tr><th>KPI</th><th>baseline (days ${kpis.phases.baseline.join('-')})</th><th>after learning (days ${kpis.phases.after.join('-')})</th></tr>${kpiRows}</table>
${kpiCharts.join('')}
<h2>Outcome routing</h2>${routing}
<p>First-contact resolution of ${escapeHtml(kpis.routed.category)}: ${cell(kpis.routed.baseline.value, 'percent')} → ${cell(kpis.routed.after.value, 'percent')}.</p>
<h2>Error budget and the autonomy dial</h2>${autonomy}
<h2>Rails</h2>${railChart}${escalationChart}
<table><tr><th>rail</th><th>count</th><th>reason</th></tr>${reasonRows}</table>
${renderMaturityHtml(data.maturity)}
${renderLearningRunsHtml(replay)}
${renderHumanReviewHtml(data.humanReview)}
${renderIntakeHtml(data.intake)}
${renderSpanWaterfallHtml(replay.telemetry?.spans())}
<h2>What happened</h2><table>${milestoneRows}</table>
</body></html>`;
}
