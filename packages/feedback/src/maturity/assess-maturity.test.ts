import { createManualClock, InvalidInputError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createArtifactRegistry } from '../artifacts/create-artifact-registry';
import { createSeededRandom } from '../learning/create-seeded-random';
import { createOutcomeRecorder } from '../recorder/create-outcome-recorder';
import { dayMs } from '../schemas/time-range';
import { createMemoryFeedbackStore } from '../store/memory-feedback-store';
import { assessMaturity } from './assess-maturity';
import type { MaturityConfiguration } from './maturity-schemas';

const start = Date.UTC(2026, 0, 5);
const macroText = 'Hi there. Reset your password at example.com/reset. Thanks for waiting.';

const full: MaturityConfiguration = {
  rails: ['schema', 'rbac', 'intent'],
  confidenceFloor: true,
  undoLog: true,
  routing: 'outcome_router',
  artifactRegistry: true,
  calibration: 'scheduled',
  learningJobs: [
    'floor_calibration',
    'artifact_proposals',
    'routing_review',
    'problem_detection',
    'playbook_re_ranking',
  ],
  playbookHypotheses: true,
};

/** Ten days: traffic moves from queue a (poor) to b (good); macros edited the same way; decisions. */
async function learnedDeployment() {
  const store = createMemoryFeedbackStore();
  const clock = createManualClock(start);
  const recorder = createOutcomeRecorder({ store, clock });
  const random = createSeededRandom(4);
  for (let day = 0; day < 10; day++) {
    for (let index = 0; index < 20; index++) {
      const traceId = `t${day}-${index}`;
      const at = start + day * dayMs + index;
      const queue = random() < 0.2 + day * 0.07 ? 'b' : 'a';
      const confidence = Math.round((0.5 + random() * 0.5) * 100) / 100;
      await recorder.record({
        type: 'decision',
        traceId,
        verdict: 'allow',
        confidence,
        category: 'billing',
        at,
      });
      await recorder.record({ type: 'routed', traceId, queue, category: 'billing', at });
      if (confidence < 0.7)
        await recorder.record({ type: 'override', traceId, proposed: 'x', actual: 'y', at });
      await recorder.record({
        type: 'resolved',
        traceId,
        firstContact: queue === 'b' ? random() < 0.9 : random() < 0.4,
        at,
      });
    }
  }
  const artifacts = createArtifactRegistry({ store, clock });
  await artifacts.create({
    id: 'reset-macro',
    kind: 'macro',
    name: 'Reset',
    content: macroText,
    by: 'ana',
  });
  for (let index = 0; index < 8; index++)
    await recorder.record({
      type: 'macro_used',
      traceId: `m${index}`,
      macroId: 'reset-macro',
      originalText: macroText,
      finalText: macroText.replace('/reset', '/account'),
      at: start,
    });
  const run = await artifacts.proposeFromOutcomes({ by: 'learning' });
  const proposal = run.proposals[0];
  if (proposal)
    await artifacts.approve(proposal.artifactId, proposal.version.version, { by: 'lead' });
  return store;
}

describe('assessMaturity', () => {
  it('grades an unconfigured deployment Level 1 everywhere, with what would raise it', async () => {
    const report = await assessMaturity({ store: createMemoryFeedbackStore(), configuration: {} });
    expect(report.overall).toBe(1);
    expect(report.grades.map((grade) => [grade.dimension, grade.level])).toEqual([
      ['routing', 1],
      ['knowledge_base', 1],
      ['macros', 1],
      ['self_healing', 1],
    ]);
    for (const grade of report.grades) {
      expect(grade.levelName).toBe('manual');
      expect(grade.toRaise).toHaveLength(1);
    }
  });

  it('grades from recorded outcomes, not only from configuration', async () => {
    const configuredOnly = await assessMaturity({
      store: createMemoryFeedbackStore(),
      configuration: full,
    });
    const routing = configuredOnly.grades.find((grade) => grade.dimension === 'routing');
    expect(routing?.level).toBe(3);
    expect(routing?.toRaise[0]).toMatch(/record at least 30 resolutions/);
    const healing = configuredOnly.grades.find((grade) => grade.dimension === 'self_healing');
    expect(healing?.level).toBe(3);
    expect(healing?.toRaise[0]).toMatch(/do not calibrate a floor yet \(insufficient_samples/);
  });

  it('reaches the higher levels when outcomes show the learning working', async () => {
    const store = await learnedDeployment();
    const report = await assessMaturity({ store, configuration: full, errorWhen: ['overridden'] });
    const byDimension = Object.fromEntries(report.grades.map((grade) => [grade.dimension, grade]));
    expect(byDimension.routing?.level).toBe(5);
    expect(byDimension.routing?.evidence.join(' ')).toMatch(
      /re-weighted by outcomes: 200 resolved billing tickets over 2 queues, b leads/,
    );
    expect(byDimension.routing?.evidence.join(' ')).toMatch(
      /traffic moved to the queue outcomes favour: b \+/,
    );
    expect(byDimension.macros?.level).toBe(5);
    expect(byDimension.macros?.evidence.join(' ')).toMatch(
      /1 macro versions proposed from outcomes/,
    );
    expect(byDimension.self_healing?.level).toBe(5);
    expect(byDimension.self_healing?.evidence.join(' ')).toMatch(/floor calibrated from outcomes/);
    // No articles in this deployment: the knowledge base stays at Level 1.
    expect(byDimension.knowledge_base?.level).toBe(1);
    expect(report.overall).toBe(1);
    expect(byDimension.macros?.toRaise).toEqual([]);
  });

  it('judges a window: the same store before learning grades lower', async () => {
    const store = await learnedDeployment();
    const early = await assessMaturity({
      store,
      configuration: { ...full, learningJobs: [], calibration: 'none' },
      range: { from: start, to: start + 2 * dayMs },
    });
    const routing = early.grades.find((grade) => grade.dimension === 'routing');
    expect(routing?.level).toBe(4);
    expect(routing?.toRaise[0]).toMatch(/schedule the routing review job/);
  });

  it('rejects malformed options with InvalidInputError', async () => {
    const store = createMemoryFeedbackStore();
    for (const options of [
      undefined,
      { configuration: {} },
      { store, configuration: { routing: 'magic' } },
      { store, configuration: {}, range: { from: 10, to: 5 } },
      { store, configuration: { learningJobs: ['dreaming'] } },
      { store, configuration: {}, targetErrorRate: 2 },
      { store, configuration: {}, extra: true },
    ])
      await expect(assessMaturity(options as never)).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('rejects with the abort reason when aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(
      assessMaturity({
        store: createMemoryFeedbackStore(),
        configuration: {},
        abortSignal: controller.signal,
      }),
    ).rejects.toBe(reason);
  });
});
