import type { KpiComparison, MaturityReport } from '@guardloop/feedback';
import { html, raw } from 'hono/html';
import type { HealthSample } from '../../simulation/health-history';
import { maturityView } from './maturity-view';

export interface HealthPageOptions {
  samples: HealthSample[];
  comparison: KpiComparison;
  autonomy: string;
  budgetRemaining: number;
  maturity: { baseline: MaturityReport; current: MaturityReport };
}

const percent = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;

const kpiRows = [
  ['Escalation rate', 'escalationRate'],
  ['Override rate', 'overrideRate'],
  ['Approval rate', 'approvalRate'],
  ['SLA breach rate', 'slaBreachRate'],
] as const;

/** Autonomy dial and error budget over time, KPIs baseline vs now, routing shares (uPlot). */
export function healthPage({
  samples,
  comparison,
  autonomy,
  budgetRemaining,
  maturity,
}: HealthPageOptions) {
  // JSON inside a script element: `<` escaped so no value can close the element.
  const data = JSON.stringify(samples).replace(/</g, '\\u003c');
  return html`<h1>Health</h1>
    <p>Autonomy now: <strong data-testid="autonomy">${autonomy}</strong>; error budget left:
      <strong data-testid="budget">${percent(budgetRemaining)}</strong>.</p>
    <section class="charts">
      <figure><figcaption>Error budget left and autonomy dial (2 full, 1 reduced, 0 none)</figcaption><div id="budget-chart" class="chart"></div></figure>
      <figure><figcaption>Routing shares: autonomous vs escalated (cumulative)</figcaption><div id="routing-chart" class="chart"></div></figure>
    </section>
    <h2>KPIs: baseline (yesterday) vs now (today)</h2>
    <table data-testid="kpis">
      <thead><tr><th>KPI</th><th>Baseline</th><th>Now</th></tr></thead>
      <tbody>${kpiRows.map(([label, key]) => {
        const baseline = comparison.baseline.metrics[key];
        const current = comparison.current.metrics[key];
        return html`<tr><td>${label}</td><td>${percent(baseline.value)} (${baseline.denominator})</td><td>${percent(current.value)} (${current.denominator})</td></tr>`;
      })}</tbody>
    </table>
    ${maturityView(maturity.baseline, maturity.current)}
    <script type="application/json" id="health-data">${raw(data)}</script>`;
}
