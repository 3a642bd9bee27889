import { createManualClock } from '@guardloop/core';
import { simulateSloTraffic } from '@guardloop/economic/test';
import { describe, expect, it } from 'vitest';
import { createMemoryCounterStore } from '../memory-counter-store';
import { type AutonomyChange, createAutonomyDial } from './autonomy-dial';
import { defineSlo, type Slo } from './define-slo';
import { createSloTracker } from './slo-tracker';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

async function setup() {
  const clock = createManualClock(Date.UTC(2030, 0, 1));
  const tracker = createSloTracker({ store: createMemoryCounterStore(), clock });
  const all = defineSlo({ name: 'autonomous-actions', objective: 0.999 });
  const refunds = defineSlo({ name: 'refunds', objective: 0.99, actionTypes: ['refund'] });
  const changes: AutonomyChange[] = [];
  const dial = createAutonomyDial({
    tracker,
    slos: [all, refunds],
    onChange: (change) => changes.push(change),
  });
  const traffic = (slo: Slo, durationMs: number, stepMs: number, perStep: number, bad: number) =>
    simulateSloTraffic({
      ...{ tracker, slo, clock, durationMs, stepMs, perStep, bad },
      actionType: slo === refunds ? 'refund' : 'reply',
    });
  // Three quiet days, the last hour minute by minute, so that every window has history.
  await traffic(all, 3 * day, hour, 600_000, 0);
  await traffic(all, hour, minute, 10_000, 0);
  return { clock, tracker, dial, all, refunds, changes, traffic };
}

describe('createAutonomyDial', () => {
  it('reads full autonomy while no SLO burns, naming the budgets left', async () => {
    const { dial } = await setup();
    const reading = await dial.read('reply');
    expect(reading).toMatchObject({ level: 'full', actionType: 'reply', cause: undefined });
    expect(reading.statuses.map((status) => status.slo)).toEqual(['autonomous-actions']);
    expect(reading.reason).toBe(
      "Autonomy full: no SLO is burning its error budget fast ('autonomous-actions' 100.0% of budget left).",
    );
  });

  it('drops to none during a fast burn, with the burn rate, windows and budget left', async () => {
    const { dial, all, traffic } = await setup();
    await traffic(all, 20 * minute, minute, 10_000, 500);
    const reading = await dial.read('reply');
    expect(reading.level).toBe('none');
    expect(reading.cause?.slo).toBe('autonomous-actions');
    expect(reading.reason).toMatch(
      /^Autonomy none: SLO 'autonomous-actions' is burning its error budget at 16\.\dx over 1h and 50\.0x over 5m \(alert threshold 14\.4x\); \d+\.\d% of the 30d error budget left\.$/,
    );
  });

  it('restores autonomy by itself once the short window stops burning, and reports each change', async () => {
    const { dial, all, traffic, changes } = await setup();
    await traffic(all, 20 * minute, minute, 10_000, 500);
    expect((await dial.read('reply')).level).toBe('none');
    await traffic(all, minute, minute, 10_000, 0);
    expect((await dial.read('reply')).level).toBe('none');
    await traffic(all, 4 * minute, minute, 10_000, 0);
    const restored = await dial.read('reply');
    expect(restored.level).toBe('full');
    // The hour still burns fast: only the short window has cooled down.
    expect(restored.statuses[0]?.burnRates['1h']).toBeGreaterThan(14.4);
    expect(changes.map(({ actionType, from, to }) => ({ actionType, from, to }))).toEqual([
      { actionType: 'reply', from: 'full', to: 'none' },
      { actionType: 'reply', from: 'none', to: 'full' },
    ]);
  });

  it('takes the lowest level among the SLOs covering an action type', async () => {
    const { dial, refunds, traffic } = await setup();
    await traffic(refunds, 26 * day, hour, 1_000, 0);
    await traffic(refunds, 4 * day, hour, 1_000, 15);
    const refund = await dial.read('refund');
    expect(refund.statuses.map((status) => status.slo)).toEqual(['autonomous-actions', 'refunds']);
    expect(refund.level).toBe('reduced');
    expect(refund.cause?.slo).toBe('refunds');
    expect(refund.reason).toContain('over 3d');
    // Other action types are not covered by the refunds SLO.
    expect((await dial.read('reply')).level).toBe('full');
    // Without an action type, the dial reads every SLO.
    expect((await dial.read()).level).toBe('reduced');
  });

  it('explains an exhausted budget', async () => {
    const { dial, refunds, traffic } = await setup();
    await traffic(refunds, 10 * minute, minute, 10, 1);
    const reading = await dial.read('refund');
    expect(reading.level).toBe('none');
    expect(reading.reason).toMatch(
      /^Autonomy none: SLO 'refunds' has exhausted its error budget \(-900\.0% of the 30d error budget left; error ratio 10\.0% against 1\.0% allowed\)\.$/,
    );
  });

  it('reads full for an action type no SLO covers', async () => {
    const clock = createManualClock(0);
    const tracker = createSloTracker({ store: createMemoryCounterStore(), clock });
    const refunds = defineSlo({ name: 'refunds', objective: 0.99, actionTypes: ['refund'] });
    const reading = await createAutonomyDial({ tracker, slos: [refunds] }).read('reply');
    expect(reading).toMatchObject({ level: 'full', statuses: [] });
    expect(reading.reason).toBe('Autonomy full: no SLO covers this action type.');
  });

  it('rejects with the abort reason when aborted', async () => {
    const { dial } = await setup();
    const reason = new Error('stop');
    await expect(dial.read('reply', { abortSignal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    );
  });
});
