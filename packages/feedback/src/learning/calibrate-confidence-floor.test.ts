import { createManualClock, GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createOutcomeRecorder } from '../recorder/create-outcome-recorder';
import { dayMs } from '../schemas/time-range';
import { createMemoryFeedbackStore } from '../store/memory-feedback-store';
import { calibrateConfidenceFloor, confidenceSampleOf } from './calibrate-confidence-floor';
import { createSeededRandom } from './create-seeded-random';

const start = Date.UTC(2026, 0, 5);

/** 600 decisions; low-confidence ones get overridden or reopened more often. */
async function setup() {
  const store = createMemoryFeedbackStore();
  const recorder = createOutcomeRecorder({ store, clock: createManualClock(start) });
  const random = createSeededRandom(9);
  for (let index = 0; index < 600; index++) {
    const traceId = `t${index}`;
    const confidence = Math.round((0.5 + random() * 0.5) * 100) / 100;
    const category = index % 2 === 0 ? 'billing' : 'tech';
    const at = start + (index % 3) * dayMs;
    await recorder.record({
      type: 'decision',
      traceId,
      verdict: 'allow',
      confidence,
      category,
      at,
    });
    const roll = random();
    if (roll < 0.5 * (1 - confidence)) {
      await recorder.record({
        type: 'override',
        traceId,
        proposed: 'refund',
        actual: 'escalate',
        at,
      });
    } else if (roll < 0.8 * (1 - confidence)) {
      await recorder.record({ type: 'resolved', traceId, firstContact: true, at });
      await recorder.record({ type: 'reopened', traceId, reason: 'wrong answer', at });
    } else if (roll < 0.9) {
      await recorder.record({ type: 'resolved', traceId, firstContact: true, at });
    }
  }
  return { store };
}

describe('calibrateConfidenceFloor', () => {
  it('calibrates from recorded overrides and reopens', async () => {
    const { store } = await setup();
    const result = await calibrateConfidenceFloor({ store, targetErrorRate: 0.1, minSamples: 40 });
    expect(result).toMatchObject({ status: 'calibrated', decisions: 600 });
    if (result.status !== 'calibrated') return;
    expect(result.labelledSamples).toBeLessThan(600);
    expect(result.floor).toBeGreaterThan(0.7);
    expect(result.errorRateUpperBound).toBeLessThanOrEqual(0.1);
    expect(result.expectedAutonomyRate).toBeGreaterThan(0);
    expect(result.expectedAutonomyRate).toBeLessThan(1);
  });

  it('counts only the chosen kinds of error', async () => {
    const { store } = await setup();
    const all = await calibrateConfidenceFloor({ store, targetErrorRate: 0.1, minSamples: 40 });
    const overridesOnly = await calibrateConfidenceFloor({
      store,
      targetErrorRate: 0.1,
      minSamples: 40,
      errorWhen: ['overridden'],
    });
    expect(all.status === 'calibrated' && overridesOnly.status === 'calibrated').toBe(true);
    if (all.status === 'calibrated' && overridesOnly.status === 'calibrated') {
      expect(overridesOnly.floor).toBeLessThanOrEqual(all.floor);
    }
  });

  it('limits the samples to a range and a segment', async () => {
    const { store } = await setup();
    const firstDay = await calibrateConfidenceFloor({
      store,
      targetErrorRate: 0.1,
      range: { from: start, to: start + dayMs },
      segment: { category: 'billing' },
    });
    expect(firstDay.decisions).toBe(100);
  });

  it('labels reviewed escalations: approved right, edited or rejected wrong', async () => {
    const store = createMemoryFeedbackStore();
    const recorder = createOutcomeRecorder({ store, clock: createManualClock(start) });
    const decisions = ['approved', 'approved_with_edits', 'rejected'] as const;
    for (const [index, decision] of decisions.entries()) {
      const traceId = `t${index}`;
      await recorder.record({ type: 'decision', traceId, verdict: 'escalate', confidence: 0.9 });
      await recorder.record({
        type: 'human_decision',
        traceId,
        escalationId: `e${index}`,
        decision,
        reviewer: 'r1',
        decideMs: 1000,
        slaBreached: false,
      });
    }
    const traces = await Promise.all(['t0', 't1', 't2'].map((id) => store.getTrace(id)));
    expect(traces.map((trace) => trace && confidenceSampleOf(trace, ['overridden']))).toEqual([
      { confidence: 0.9, error: false },
      { confidence: 0.9, error: true },
      { confidence: 0.9, error: true },
    ]);
    const result = await calibrateConfidenceFloor({ store, targetErrorRate: 0.1, minSamples: 3 });
    expect(result).toMatchObject({ decisions: 3, labelledSamples: 3 });
  });

  it('rejects bad options and honours abort', async () => {
    const { store } = await setup();
    const invalid = (e: unknown) => GuardloopError.hasCode(e, 'invalid_input');
    await expect(calibrateConfidenceFloor({ store, targetErrorRate: 2 })).rejects.toSatisfy(
      invalid,
    );
    await expect(calibrateConfidenceFloor({ targetErrorRate: 0.1 } as never)).rejects.toSatisfy(
      invalid,
    );
    await expect(
      calibrateConfidenceFloor({ store, targetErrorRate: 0.1, errorWhen: [] }),
    ).rejects.toSatisfy(invalid);
    await expect(
      calibrateConfidenceFloor({ store, targetErrorRate: 0.1, range: { from: 2, to: 1 } }),
    ).rejects.toSatisfy(invalid);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      calibrateConfidenceFloor({ store, targetErrorRate: 0.1, abortSignal: controller.signal }),
    ).rejects.toThrow('stop');
  });
});
