import type { MaturityGrade, MaturityReport } from '@guardloop/feedback';
import { html } from 'hono/html';

const dimensionLabels = {
  routing: 'Routing',
  knowledge_base: 'Knowledge base',
  macros: 'Macros',
  self_healing: 'Self-healing',
} as const;

const list = (items: string[]) =>
  items.length === 0 ? html`—` : html`<ul>${items.map((item) => html`<li>${item}</li>`)}</ul>`;

const level = (grade: MaturityGrade | undefined) =>
  grade ? html`<span class="level">${grade.level}</span> ${grade.levelName}` : html`—`;

/** `assessMaturity` for baseline and now: the grade per dimension, why, and what would raise it. */
export function maturityView(baseline: MaturityReport, current: MaturityReport) {
  return html`<h2>Maturity: baseline (yesterday) vs now (today)</h2>
    <p>Overall (the weakest dimension): baseline <strong>${baseline.overall}</strong>, now
      <strong data-testid="maturity-overall">${current.overall}</strong> (1 manual … 5 self-healing).</p>
    <table class="maturity" data-testid="maturity">
      <thead><tr><th>Dimension</th><th>Baseline</th><th>Now</th><th>Evidence (now)</th><th>What would raise it</th></tr></thead>
      <tbody>${current.grades.map((grade) => {
        const before = baseline.grades.find((candidate) => candidate.dimension === grade.dimension);
        return html`<tr data-dimension="${grade.dimension}">
          <td>${dimensionLabels[grade.dimension]}</td><td>${level(before)}</td><td>${level(grade)}</td>
          <td>${list(grade.evidence)}</td><td>${list(grade.toRaise)}</td></tr>`;
      })}</tbody>
    </table>`;
}
