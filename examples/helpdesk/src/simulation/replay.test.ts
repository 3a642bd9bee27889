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

  it('routes the learned category no worse after learning than before', async () => {
    const { data } = await writeReports(replay, reportPath);
    const { baseline, after } = data.kpis.routed;
    expect(after.denominator).toBeGreaterThan(0);
    expect(after.value ?? 0).toBeGreaterThanOrEqual(baseline.value ?? 0);
  });

  it('writes a self-contained HTML report with charts', () => {
    expect(existsSync(reportPath)).toBe(true);
    const html = readFileSync(reportPath, 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('Rail verdicts');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it('says the data is simulated, and shows reasons with their real numbers, in full on demand', () => {
    const html = readFileSync(reportPath, 'utf8');
    expect(html).toMatch(/Simulated data\./);
    const reasons = html
      .slice(html.indexOf('<th>reason</th>'), html.indexOf('<h2>What happened'))
      .replace(/&#\d+;/g, "'");
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
