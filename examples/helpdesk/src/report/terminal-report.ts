import type { HumanReviewSummary } from './human-review';
import { intakeTerminalLines } from './intake-sla-render';
import type { KpiRow } from './kpi-summary';
import { learningRunLines, maturityLines } from './maturity';
import { type ReportData, shortReason } from './report-data';

const percent = (value: number | null) =>
  value === null ? '   n/a' : `${(value * 100).toFixed(1)}%`;
const score = (value: number | null) => (value === null ? 'n/a' : value.toFixed(2));

function change(row: KpiRow): string {
  if (row.baseline === null || row.after === null) return '';
  const delta = row.after - row.baseline;
  const text =
    row.format === 'percent'
      ? `${delta >= 0 ? '+' : ''}${(delta * 100).toFixed(1)} pt`
      : `${delta >= 0 ? '+' : ''}${delta.toFixed(2)}`;
  const verdict =
    delta === 0 ? 'same' : delta > 0 === (row.better === 'higher') ? 'better' : 'worse';
  return `${text.padStart(9)}  ${verdict}`;
}

const duration = (ms: number | null) =>
  ms === null
    ? 'n/a'
    : ms < 3_600_000
      ? `${Math.round(ms / 60_000)} min`
      : `${(ms / 3_600_000).toFixed(1)} h`;

/** The inbox: how reviewers decided escalations, how fast, per rail. */
function humanReviewLines(review: HumanReviewSummary): string[] {
  const { acknowledge, decide, breaches } = review;
  const lines = [
    `Inbox: ${review.decided} escalations decided by agents: ${review.approved} approved, ${review.edited} approved with edits, ${review.rejected} rejected (approval rate ${percent(review.approvalRate.value).trim()})`,
    `  claimed after ${duration(acknowledge.median)} (median), ${duration(acknowledge.p90)} (p90); decided after ${duration(decide.median)} (median), ${duration(decide.p90)} (p90)`,
    `  SLA breached: ${percent(review.slaBreachRate.value).trim()} of escalations; the hourly SLA monitor caught ${breaches.acknowledge} acknowledge and ${breaches.decide} decide breaches while pending`,
    `${'  by deciding rail'.padEnd(30)}${'decided'.padStart(9)}${'approved'.padStart(10)}${'edited'.padStart(8)}${'rejected'.padStart(10)}${'approval'.padStart(10)}${'breached'.padStart(10)}`,
  ];
  for (const row of review.byRail) {
    lines.push(
      `  ${row.key.padEnd(28)}${String(row.decided).padStart(9)}${String(row.approved).padStart(10)}${String(row.edited).padStart(8)}${String(row.rejected).padStart(10)}${percent(row.approvalRate).padStart(10)}${String(row.slaBreached).padStart(10)}`,
    );
  }
  return lines;
}

/** The closing summary printed to the terminal: KPIs before and after learning, rails, story. */
export function renderTerminalReport(data: ReportData, reportPath: string): string {
  const { replay, kpis, totals } = data;
  const { runLog, intent } = replay.helpdesk;
  const [baseFrom, baseTo] = kpis.phases.baseline;
  const [afterFrom, afterTo] = kpis.phases.after;
  const lines: string[] = [];
  const push = (...text: string[]) => lines.push(...text);
  push(
    '',
    `guardloop help desk: ${totals.tickets} tickets over ${replay.days} simulated days, replayed in ${(replay.elapsedMs / 1000).toFixed(1)} s`,
    `  intent: ${intent.mode === 'cascade' ? 'local classifier, then the OpenAI model when unsure' : 'local classifier'} (trained in ${(intent.trainingMs / 1000).toFixed(1)} s)`,
    `  ${totals.acted} acted autonomously, ${totals.escalated} escalated, ${totals.rejected} denied, ${totals.duplicates} duplicates dropped at intake, ${totals.failed} failed`,
    '',
    `${'KPI'.padEnd(26)}${`baseline (days ${baseFrom}-${baseTo})`.padStart(22)}${`after learning (days ${afterFrom}-${afterTo})`.padStart(30)}    change`,
  );
  for (const row of kpis.rows) {
    const format = row.format === 'percent' ? percent : score;
    push(
      `${row.label.padEnd(26)}${format(row.baseline).padStart(22)}${format(row.after).padStart(30)}  ${change(row)}`,
    );
  }
  const { routed } = kpis;
  const queues = new Map<string, number>();
  const afterRouting = runLog.routing.filter(
    (entry) => entry.category === routed.category && entry.day >= afterFrom,
  );
  for (const entry of afterRouting) queues.set(entry.queue, (queues.get(entry.queue) ?? 0) + 1);
  const shares = [...queues.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([queue, count]) => `${queue} ${Math.round((count / afterRouting.length) * 100)}%`)
    .join(', ');
  push(
    '',
    `Outcome routing (${routed.category}): first-contact resolution ${percent(routed.baseline.value).trim()} (${routed.baseline.numerator}/${routed.baseline.denominator}) -> ${percent(routed.after.value).trim()} (${routed.after.numerator}/${routed.after.denominator}); queues after learning: ${shares}`,
    '',
    `${'Rail verdicts'.padEnd(30)}${'allow'.padStart(7)}${'escalate'.padStart(10)}${'deny'.padStart(6)}${'skipped'.padStart(9)}`,
  );
  for (const rail of runLog.rails()) {
    push(
      `${rail.rail.padEnd(30)}${String(rail.allow).padStart(7)}${String(rail.escalate).padStart(10)}${String(rail.deny).padStart(6)}${String(rail.skipped).padStart(9)}`,
    );
  }
  push('', ...maturityLines(data.maturity), '', ...learningRunLines(replay));
  push('', ...humanReviewLines(data.humanReview));
  push('', ...intakeTerminalLines(data.intake));
  push('', 'Escalations and denials by deciding rail (top reason)');
  for (const group of data.escalations) {
    push(
      `  ${group.rail.padEnd(30)}${String(group.count).padStart(4)}  ${shortReason(group.reasons[0]?.example ?? '')}`,
    );
  }
  push(
    '',
    `Undo log: ${data.undos.total} autonomous actions reverted (${data.undos.wrongIntent} on a wrong intent, ${data.undos.fraud} fraudulent refunds)`,
    'What happened:',
  );
  for (const milestone of runLog.milestones)
    push(`  day ${String(milestone.day).padStart(2)}  ${milestone.text}`);
  push('', `HTML report: ${reportPath}`, '');
  return lines.join('\n');
}
