import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type Classifier, detectPii } from '@guardloop/semantic';
import { type HelpdeskIntent, helpdeskIntents } from '@guardloop/semantic/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReports } from '../report/write-reports';
import { type ReplayResult, runReplay } from './replay';

// Stands in for the OpenAI model: the cascade sends it what the local classifier is unsure of.
const modelTexts: string[] = [];
const fakeModel: Classifier<HelpdeskIntent> = {
  name: 'fake-model',
  labels: helpdeskIntents,
  floor: 0.6,
  async classify(text) {
    modelTexts.push(text);
    return {
      label: 'bug_report',
      confidence: 0.3,
      scores: {},
      abstained: true,
      classifier: 'fake-model',
    };
  },
};

describe('a shortened help-desk replay', () => {
  const database = new PGlite();
  let replay: ReplayResult;
  let reportPath: string;

  beforeAll(async () => {
    replay = await runReplay({
      database,
      seed: 11,
      days: 5,
      ticketsPerDay: 12,
      outageDay: 2,
      outageReports: 6,
      fraudDay: 3,
      baselineDays: 2,
      memoryCounters: true,
      classifier: { folds: 2, model: fakeModel },
    });
    reportPath = join(await mkdtemp(join(tmpdir(), 'helpdesk-')), 'report.html');
  });
  afterAll(() => database.close());

  it('acts autonomously on some tickets and escalates others with the rail and its reason', () => {
    const days = replay.helpdesk.runLog.days();
    expect(days.reduce((sum, day) => sum + day.acted, 0)).toBeGreaterThan(10);
    const { escalations } = replay.helpdesk.runLog;
    expect(escalations.length).toBeGreaterThan(5);
    for (const escalation of escalations) {
      expect(escalation.rail).not.toBe('');
      expect(escalation.reason.length).toBeGreaterThan(0);
    }
    expect(new Set(escalations.map((escalation) => escalation.rail)).size).toBeGreaterThan(2);
  });

  it('drops repeated reports of the outage at intake and files them under one problem', async () => {
    const days = replay.helpdesk.runLog.days();
    expect(days.reduce((sum, day) => sum + day.duplicates, 0)).toBeGreaterThanOrEqual(4);
    const problems = await replay.helpdesk.problems.list({});
    expect(problems.items[0]).toMatchObject({ status: 'resolved' });
    expect(problems.items[0]?.incidentCount).toBeGreaterThanOrEqual(5);
  });

  it('never lets personal data reach the classifier, nor the model behind it', () => {
    const inputs = replay.helpdesk.runLog.classifierInputs;
    expect(replay.tickets.some((ticket) => ticket.truth.pii.length > 0)).toBe(true);
    expect(modelTexts.length).toBeGreaterThan(0);
    for (const text of [...inputs, ...modelTexts]) expect(detectPii(text)).toEqual([]);
  });

  it('reverts wrong or fraudulent autonomous actions through the undo log', async () => {
    const { undos } = replay.helpdesk.runLog;
    expect(undos.length).toBeGreaterThanOrEqual(1);
    const refunds = replay.helpdesk.store.refunds();
    if (undos.some((undo) => undo.action === 'issue_refund')) {
      expect(refunds.some((refund) => refund.voided)).toBe(true);
    }
  });

  it('sends every escalation to the inbox, where an agent decides it and resumes the loop', async () => {
    const { inbox, runLog, feedbackStore } = replay.helpdesk;
    const escalated = runLog.days().reduce((sum, day) => sum + day.escalated, 0);
    const page = await inbox.list({ limit: 500 });
    expect(page.items).toHaveLength(escalated);
    for (const item of page.items) expect(['approved', 'rejected']).toContain(item.status);
    const kinds = new Set(page.items.map((item) => item.decision?.kind));
    expect(kinds).toContain('approve');
    expect(kinds).toContain('reject');
    // One decision per escalation reaches the feedback, and no second override beside it.
    const decisions = await feedbackStore.listOutcomes({ types: ['human_decision'], limit: 500 });
    expect(decisions.items).toHaveLength(escalated);
    const overrides = await feedbackStore.listOutcomes({ types: ['override'], limit: 500 });
    const decided = new Set(decisions.items.map((outcome) => outcome.traceId));
    for (const override of overrides.items) expect(decided.has(override.traceId)).toBe(false);
  });

  it('lets only a tier-2 agent approve a large refund, and records who refused', async () => {
    const { items } = await replay.helpdesk.inbox.list({ limit: 500 });
    for (const item of items) {
      if (!item.action?.resource?.startsWith('invoice:large:')) continue;
      if (item.decision?.kind === 'reject') continue;
      expect(item.decision?.reviewer.roles).toContain('tier-2');
    }
    const refused = items.flatMap((item) =>
      item.history.filter((entry) => entry.type === 'authority_denied'),
    );
    for (const entry of refused) expect(entry.actor?.roles).toContain('tier-1');
  });

  it('reports decision times, approval rates per rail and SLA breaches', async () => {
    const { data } = await writeReports(replay, reportPath);
    const review = data.humanReview;
    expect(review.decided).toBe(review.approved + review.edited + review.rejected);
    expect(review.decide.median).not.toBeNull();
    expect(review.acknowledge.p90).not.toBeNull();
    expect(review.byRail.length).toBeGreaterThan(1);
    expect(review.slaBreachRate.denominator).toBeGreaterThan(0);
  });

  it('takes every ticket in through the intake and reports ticket SLAs per priority', async () => {
    const { data } = await writeReports(replay, reportPath);
    const { paths, rejected, sla } = data.intake;
    expect(Object.values(paths).reduce((sum, count) => sum + count, 0)).toBe(replay.tickets.length);
    for (const count of Object.values(paths)) expect(count).toBeGreaterThan(0);
    expect(rejected).toBe(0);
    expect(sla.length).toBeGreaterThan(1);
    for (const row of sla) expect(row.firstResponse?.runs).toBe(row.tickets);
    const csat = await replay.helpdesk.feedbackStore.listOutcomes({ types: ['csat'], limit: 500 });
    expect(csat.items.length).toBeGreaterThan(0);
    for (const outcome of csat.items) expect(outcome.id).toMatch(/^csat:survey-/);
    expect(readFileSync(reportPath, 'utf8')).toContain('Intake and ticket SLAs');
  });

  it('records ticket SLA outcomes during the replay and reports the feedback SLA KPIs', async () => {
    const { feedbackStore, store, ticketSla } = replay.helpdesk;
    const outcomes = await feedbackStore.listOutcomes({ types: ['ticket_sla'], limit: 1000 });
    expect(outcomes.items.length).toBeGreaterThan(0);
    expect(outcomes.items.length).toBe(ticketSla.counters.outcomes);
    for (const outcome of outcomes.items) {
      expect(outcome.id).toMatch(/^ticket_sla:/);
      // On the decision trace of the ticket it measures.
      const ticketId = outcome.id.split(':')[1] ?? '';
      expect(outcome.traceId).toBe(store.ticket(ticketId)?.traceId);
    }
    const { data } = await writeReports(replay, reportPath);
    const { slaKpis } = data.intake;
    for (const phase of [slaKpis.baseline, slaKpis.after]) {
      expect(phase.firstResponse.count).toBeGreaterThan(0);
      expect(phase.breachRate.denominator).toBeGreaterThan(0);
      expect(phase.byPriority.length).toBeGreaterThan(0);
      expect(phase.byPolicy.length).toBeGreaterThan(0);
    }
    expect(slaKpis.monitor.outcomes).toBe(ticketSla.counters.outcomes);
    // Every urgent ticket a breach signal named sits in the on-call queue.
    expect(slaKpis.monitor.escalated).toBeLessThanOrEqual(slaKpis.monitor.breaches);
    expect(readFileSync(reportPath, 'utf8')).toContain('feedback SLA KPI');
  });

  it('routes the learned category no worse after learning than before', async () => {
    const { data } = await writeReports(replay, reportPath);
    const { baseline, after } = data.kpis.routed;
    expect(after.denominator).toBeGreaterThan(0);
    expect(after.value ?? 0).toBeGreaterThanOrEqual(baseline.value ?? 0);
  });

  it('learns through the schedule: each job once per period, runs recorded, maturity graded', async () => {
    const { runs } = replay.helpdesk.runLog;
    const jobs = new Set(runs.map((run) => run.job));
    expect(jobs).toEqual(
      new Set([
        'floor-calibration',
        'artifact-proposals',
        'problem-detection',
        'routing-review',
        'playbook-re-ranking',
      ]),
    );
    const periods = runs.map((run) => `${run.job}:${run.period}`);
    expect(new Set(periods).size).toBe(periods.length);
    expect(runs.every((run) => run.status === 'succeeded')).toBe(true);
    const { data, terminal } = await writeReports(replay, reportPath);
    expect(data.maturity.after.grades).toHaveLength(4);
    for (const grade of data.maturity.after.grades) {
      const before = data.maturity.baseline.grades.find(
        (item) => item.dimension === grade.dimension,
      );
      expect(grade.level).toBeGreaterThanOrEqual(before?.level ?? 1);
      expect(grade.evidence.length).toBeGreaterThan(0);
    }
    expect(terminal).toMatch(/Maturity \(Level 1-5\)/);
    expect(terminal).toMatch(/Learning schedule: \d+ runs recorded in PGlite/);
    expect(readFileSync(reportPath, 'utf8')).toContain('Learning schedule runs');
  });

  it('writes a self-contained HTML report with charts', () => {
    expect(existsSync(reportPath)).toBe(true);
    const html = readFileSync(reportPath, 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('Rail verdicts');
    expect(html).toContain('Human review: the inbox');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it('says the data is simulated, and shows reasons with their real numbers, in full on demand', () => {
    const html = readFileSync(reportPath, 'utf8');
    expect(html).toMatch(/Simulated data\./);
    const from = html.indexOf('<th>reason</th>');
    // Up to the next section (the inbox's), whose charts have colours with '#'.
    const reasons = html.slice(from, html.indexOf('<h2>', from)).replace(/&#\d+;/g, "'");
    // Numbers were masked as '#' for grouping, and shown masked too.
    expect(reasons).not.toContain('#');
    expect(reasons).toMatch(/\d/);
    // A long reason is never cut for good: the whole text is in the hover title and the details.
    for (const match of reasons.matchAll(/<summary>([^<]*)…<\/summary>([^<]*)<\/details>/g)) {
      expect(match[2]?.startsWith(match[1] ?? '')).toBe(true);
    }
    expect(html).toContain('<td class="day">day ');
  });
});
