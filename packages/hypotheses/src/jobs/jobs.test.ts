import { createManualClock, InvalidInputError } from '@guardloop/core';
import {
  createArtifactRegistry,
  createMemoryFeedbackStore,
  createOutcomeRecorder,
  createOutcomeRouter,
  createProblemTracker,
  createSeededRandom,
} from '@guardloop/feedback';
import { describe, expect, it } from 'vitest';
import { createLearningSchedule, type LearningJob } from '../schedule/create-learning-schedule';
import { createMemoryLearningScheduleStore } from '../schedule/memory-learning-schedule-store';
import { playbook } from '../test-support/fixtures';
import {
  createArtifactProposalJob,
  createFloorCalibrationJob,
  createPlaybookReRankingJob,
  createProblemDetectionJob,
  createRoutingReviewJob,
} from './index';

const day = 86_400_000;
const start = Date.UTC(2026, 10, 2); // a Monday

function setup() {
  const store = createMemoryFeedbackStore();
  const clock = createManualClock(start);
  const recorder = createOutcomeRecorder({ store, clock });
  return { store, clock, recorder };
}

/** Runs one job once through a schedule and returns its recorded report. */
async function runOnce(job: LearningJob, now: number) {
  const clock = createManualClock(now);
  const schedule = createLearningSchedule({
    jobs: [job],
    store: createMemoryLearningScheduleStore(),
    clock,
  });
  const [result] = await schedule.tick();
  expect(result?.run.status).toBe('succeeded');
  return result?.run.report;
}

describe('createFloorCalibrationJob', () => {
  async function decisions(recorder: ReturnType<typeof setup>['recorder'], count: number) {
    const random = createSeededRandom(3);
    for (let index = 0; index < count; index++) {
      const traceId = `d${index}`;
      const confidence = Math.round((0.5 + random() * 0.5) * 100) / 100;
      await recorder.record({ type: 'decision', traceId, verdict: 'allow', confidence, at: start });
      if (confidence < 0.7)
        await recorder.record({ type: 'override', traceId, proposed: 'a', actual: 'b', at: start });
      else await recorder.record({ type: 'resolved', traceId, firstContact: true, at: start });
    }
  }

  it('applies a calibrated floor and reports the change', async () => {
    const { store, recorder } = setup();
    await decisions(recorder, 300);
    let floor = 0.95;
    const job = createFloorCalibrationJob({
      cadence: { every: 'day' },
      store,
      floor: {
        get: () => floor,
        set: (next) => {
          floor = next;
        },
      },
      targetErrorRate: 0.05,
      minimumFloor: 0.6,
    });
    const report = await runOnce(job, start + day);
    expect(floor).toBeGreaterThanOrEqual(0.7);
    expect(floor).toBeLessThan(0.95);
    expect(report?.changed[0]?.description).toMatch(/confidence floor 0\.95 -> 0\.7/);
    expect(report?.heldBack).toEqual([]);
  });

  it('lowers the floor at most maxDecrease per run and holds back the rest', async () => {
    const { store, recorder } = setup();
    await decisions(recorder, 300);
    let floor = 0.95;
    const job = createFloorCalibrationJob({
      cadence: { every: 'day' },
      store,
      floor: {
        get: () => floor,
        set: (next) => {
          floor = next;
        },
      },
      targetErrorRate: 0.05,
      maxDecrease: 0.1,
    });
    const report = await runOnce(job, start + day);
    expect(floor).toBeCloseTo(0.85);
    expect(report?.heldBack[0]?.reason).toMatch(/drop over 0\.1/);
  });

  it('holds the floor back with the reason when there are too few labelled decisions', async () => {
    const { store, recorder } = setup();
    await decisions(recorder, 5);
    let floor = 0.8;
    const job = createFloorCalibrationJob({
      cadence: { every: 'day' },
      store,
      floor: {
        get: () => floor,
        set: (next) => {
          floor = next;
        },
      },
      targetErrorRate: 0.05,
    });
    const report = await runOnce(job, start + day);
    expect(floor).toBe(0.8);
    expect(report?.changed).toEqual([]);
    expect(report?.heldBack[0]?.reason).toMatch(/5 labelled decisions, 30 needed/);
  });
});

describe('createArtifactProposalJob', () => {
  it('sends repeated macro edits for approval without activating them', async () => {
    const { store, clock, recorder } = setup();
    const artifacts = createArtifactRegistry({ store, clock });
    const macroText = 'Hi there. Reset your password at example.com/reset. Thanks for waiting.';
    await artifacts.create({
      id: 'macro-reset',
      kind: 'macro',
      name: 'Reset',
      content: macroText,
      by: 'agent',
    });
    for (let index = 0; index < 8; index++) {
      await recorder.record({
        type: 'macro_used',
        traceId: `m${index}`,
        macroId: 'macro-reset',
        originalText: macroText,
        finalText: macroText.replace('/reset', '/account'),
      });
    }
    const job = createArtifactProposalJob({ cadence: { every: 'week' }, artifacts });
    const report = await runOnce(job, start + day);
    expect(report?.proposed).toHaveLength(1);
    expect(report?.proposed[0]).toMatchObject({ kind: 'artifact', id: 'macro-reset' });
    expect((await artifacts.getActive('macro-reset')).version).toBe(1);
  });
});

describe('createRoutingReviewJob', () => {
  it('reports the queue outcomes favour and holds back categories still exploring', async () => {
    const { recorder } = setup();
    const router = createOutcomeRouter({
      recorder,
      queues: { billing: ['q1', 'q2'], tech: ['t1', 't2'] },
      random: createSeededRandom(1),
    });
    for (let index = 0; index < 30; index++) {
      const traceId = `r${index}`;
      await recorder.record({ type: 'routed', traceId, queue: 'q2', category: 'billing' });
      await recorder.record({ type: 'resolved', traceId, firstContact: index % 5 !== 0 });
    }
    const job = createRoutingReviewJob({
      cadence: { every: 'month' },
      router,
      categories: ['billing', 'tech'],
    });
    const report = await runOnce(job, start + day);
    expect(report?.changed).toMatchObject([{ kind: 'route', id: 'billing' }]);
    expect(report?.changed[0]?.description).toMatch(/favour q2, 78% .* over 30 outcomes/);
    expect(report?.heldBack).toMatchObject([{ id: 'tech' }]);
  });
});

describe('createProblemDetectionJob', () => {
  it('opens a problem candidate for a category whose daily volume spiked', async () => {
    const { store, clock, recorder } = setup();
    const tracker = createProblemTracker({ store, clock });
    for (let week = 0; week < 4; week++) {
      for (let index = 0; index < 3; index++) {
        const at = start + week * 7 * day + index * 1000;
        await recorder.record({
          type: 'routed',
          traceId: `b${week}-${index}`,
          queue: 'q',
          category: 'login',
          at,
        });
      }
    }
    const spikeDay = start + 28 * day;
    for (let index = 0; index < 30; index++)
      await recorder.record({
        type: 'routed',
        traceId: `s${index}`,
        queue: 'q',
        category: 'login',
        at: spikeDay + index,
      });
    const job = createProblemDetectionJob({ cadence: { every: 'day' }, store, tracker });
    const report = await runOnce(job, spikeDay + day + 1000);
    expect(report?.proposed).toHaveLength(1);
    expect(report?.proposed[0]?.description).toMatch(/problem candidate: 30 'login' signals/);
    const problems = await tracker.list();
    expect(problems.items).toHaveLength(1);
  });

  it('holds back a category without enough history', async () => {
    const { store, recorder } = setup();
    await recorder.record({
      type: 'routed',
      traceId: 'x',
      queue: 'q',
      category: 'login',
      at: start,
    });
    const job = createProblemDetectionJob({ cadence: { every: 'day' }, store });
    const report = await runOnce(job, start + day + 1);
    expect(report?.proposed).toEqual([]);
    expect(report?.heldBack[0]).toMatchObject({ id: 'login' });
  });
});

describe('createPlaybookReRankingJob', () => {
  it('reports the order by outcomes and holds back candidates still explored', async () => {
    const stats = { 'to-identity': { trials: 40, successes: 36, reviews: 0, overrides: 0 } };
    const job = createPlaybookReRankingJob({
      cadence: { every: 'week' },
      playbook,
      outcomes: { candidateStats: () => stats },
    });
    const report = await runOnce(job, start + day);
    expect(report?.changed[0]?.description).toMatch(/^password_reset: to-identity > /);
    expect(report?.heldBack.map((item) => item.id)).toContain('password_reset/reset-link');
    // Same order on the next run: nothing re-ranked.
    const again = await job.run({
      job: job.name,
      period: { key: 'k', start, end: start + day },
      now: start + 8 * day,
      attempt: 1,
      abortSignal: undefined,
    });
    expect(again.changed).toEqual([]);
  });
});

describe('job options', () => {
  it('reject malformed options with InvalidInputError', () => {
    const cadence = { every: 'day' } as const;
    const bad = [
      () =>
        createFloorCalibrationJob({
          cadence,
          store: {} as never,
          floor: { get: () => 1, set() {} },
          targetErrorRate: 0.05,
        }),
      () =>
        createFloorCalibrationJob({
          cadence,
          store: createMemoryFeedbackStore(),
          floor: {} as never,
          targetErrorRate: 2,
        }),
      () =>
        createArtifactProposalJob({ cadence: { every: 'year' } as never, artifacts: {} as never }),
      () => createRoutingReviewJob({ cadence, router: {} as never, categories: [] }),
      () => createProblemDetectionJob({ cadence, store: null as never }),
      () => createPlaybookReRankingJob({ cadence, playbook }),
    ];
    for (const create of bad) expect(create).toThrow(InvalidInputError);
  });
});
