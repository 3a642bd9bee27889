import {
  assessMaturity,
  type MaturityConfiguration,
  type MaturityReport,
} from '@guardloop/feedback';
import type { ReplayResult } from '../simulation/replay';
import { escapeHtml } from './svg-charts';

const dayMs = 86_400_000;

export interface MaturitySummary {
  baseline: MaturityReport;
  after: MaturityReport;
}

/**
 * The self-healing maturity grades of the baseline window (learning off: no schedule, no
 * calibration) and of the after-learning window (the learning schedule's five jobs on), from the
 * same configuration otherwise and the outcomes each window recorded.
 */
export async function summarizeMaturity(replay: ReplayResult): Promise<MaturitySummary> {
  const { start, days, baselineDays, helpdesk } = replay;
  const configured: MaturityConfiguration = {
    rails: helpdesk.rails.rails.map((rail) => rail.name),
    confidenceFloor: true,
    undoLog: true,
    routing: 'outcome_router',
    artifactRegistry: true,
    playbookHypotheses: true,
  };
  const window = (fromDay: number, toDay: number) => ({
    from: start + (fromDay - 1) * dayMs,
    to: start + toDay * dayMs,
  });
  // The demo's windows are four days of about 26 tickets: 20 resolutions make a category's case.
  const options = {
    store: helpdesk.feedbackStore,
    errorWhen: ['overridden' as const],
    minOutcomes: 20,
  };
  const [baseline, after] = await Promise.all([
    assessMaturity({ ...options, configuration: configured, range: window(1, baselineDays) }),
    assessMaturity({
      ...options,
      configuration: {
        ...configured,
        calibration: 'scheduled',
        learningJobs: [
          'floor_calibration',
          'artifact_proposals',
          'routing_review',
          'problem_detection',
          'playbook_re_ranking',
        ],
      },
      range: window(days - baselineDays + 1, days),
    }),
  ]);
  return { baseline, after };
}

const label = (dimension: string) => dimension.replace('_', ' ');
const level = (grade: MaturityReport['grades'][number] | undefined) =>
  grade ? `L${grade.level} ${grade.levelName}` : '';

export function maturityLines({ baseline, after }: MaturitySummary): string[] {
  const lines = [
    `${'Maturity (Level 1-5)'.padEnd(26)}${'baseline'.padStart(22)}${'after learning'.padStart(30)}`,
  ];
  for (const grade of after.grades) {
    const before = baseline.grades.find((item) => item.dimension === grade.dimension);
    lines.push(
      `${label(grade.dimension).padEnd(26)}${level(before).padStart(22)}${level(grade).padStart(30)}`,
    );
    lines.push(`    ${grade.evidence.at(-1) ?? ''}`);
    if (grade.toRaise[0]) lines.push(`    to raise: ${grade.toRaise[0]}`);
  }
  return lines;
}

export function renderMaturityHtml({ baseline, after }: MaturitySummary): string {
  const rows = after.grades
    .map((grade) => {
      const before = baseline.grades.find((item) => item.dimension === grade.dimension);
      const evidence = grade.evidence.map((item) => escapeHtml(item)).join('<br>');
      const raise = grade.toRaise.map((item) => escapeHtml(item)).join('<br>') || '—';
      return `<tr><td>${escapeHtml(label(grade.dimension))}</td><td>${escapeHtml(level(before))}</td><td>${escapeHtml(level(grade))}</td><td>${evidence}</td><td>${raise}</td></tr>`;
    })
    .join('');
  return `<h2>Maturity: Level 1 (manual) to 5 (self-healing)</h2>
<table><tr><th>dimension</th><th>baseline</th><th>after learning</th><th>evidence (after learning)</th><th>what would raise it</th></tr>${rows}</table>`;
}

export function learningRunLines(replay: ReplayResult): string[] {
  const runs = replay.helpdesk.runLog.runs;
  const lines = [`Learning schedule: ${runs.length} runs recorded in PGlite`];
  const byJob = new Map<string, typeof runs>();
  for (const run of runs) byJob.set(run.job, [...(byJob.get(run.job) ?? []), run]);
  for (const [job, list] of byJob) {
    const sum = (pick: (run: (typeof runs)[number]) => number) =>
      list.reduce((total, run) => total + pick(run), 0);
    lines.push(
      `  ${job.padEnd(22)}${String(list.length).padStart(3)} runs  ${String(sum((run) => run.changed)).padStart(3)} changed ${String(sum((run) => run.proposed)).padStart(3)} proposed ${String(sum((run) => run.heldBack)).padStart(3)} held back  last: ${list.at(-1)?.summary ?? ''}`,
    );
  }
  return lines;
}

export function renderLearningRunsHtml(replay: ReplayResult): string {
  const rows = replay.helpdesk.runLog.runs
    .map(
      (run) =>
        `<tr><td class="day">day ${run.day}</td><td>${escapeHtml(run.job)}</td><td>${escapeHtml(run.status)}</td><td>${run.changed}</td><td>${run.proposed}</td><td>${run.heldBack}</td><td>${escapeHtml(run.summary)}</td></tr>`,
    )
    .join('');
  return `<h2>Learning schedule runs</h2>
<table><tr><th>day</th><th>job</th><th>status</th><th>changed</th><th>proposed</th><th>held back</th><th>summary</th></tr>${rows}</table>`;
}
