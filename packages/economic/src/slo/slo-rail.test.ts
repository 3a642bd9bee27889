import { type Actor, createManualClock, evaluateRails, type RailContext } from '@guardloop/core';
import { simulateSloTraffic } from '@guardloop/economic/test';
import { describe, expect, it } from 'vitest';
import { createMemoryCounterStore } from '../memory-counter-store';
import { createAutonomyDial } from './autonomy-dial';
import { defineSlo } from './define-slo';
import { sloRail } from './slo-rail';
import { createSloTracker } from './slo-tracker';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const options = { abortSignal: new AbortController().signal };

function context(actionName: string | undefined, actor: Partial<Actor> = {}): RailContext {
  return {
    traceId: 'trace-1',
    actor: { id: 'agent-7', type: 'ai', roles: [], ...actor },
    ...(actionName === undefined
      ? {}
      : { action: { name: actionName, input: {}, reversible: true, dryRun: false } }),
  };
}

async function setup(railOptions: { escalateAt?: 'reduced' | 'none' } = {}) {
  const clock = createManualClock(Date.UTC(2030, 0, 1));
  const tracker = createSloTracker({ store: createMemoryCounterStore(), clock });
  const slo = defineSlo({ name: 'refunds', objective: 0.999, actionTypes: ['refund'] });
  const rail = sloRail({ dial: createAutonomyDial({ tracker, slos: [slo] }), ...railOptions });
  const traffic = (durationMs: number, stepMs: number, perStep: number, bad: number) =>
    simulateSloTraffic({
      tracker,
      slo,
      clock,
      durationMs,
      stepMs,
      perStep,
      bad,
      actionType: 'refund',
    });
  await traffic(3 * day, hour, 600_000, 0);
  await traffic(hour, minute, 10_000, 0);
  return { clock, rail, traffic };
}

describe('sloRail', () => {
  it('is an economic rail that allows autonomous actions while the budget holds', async () => {
    const { rail } = await setup();
    expect(rail).toMatchObject({ name: 'slo-autonomy', kind: 'economic' });
    const verdict = await rail.evaluate(context('refund'), options);
    expect(verdict.verdict).toBe('allow');
    expect(verdict.reason).toContain("'refunds' 100.0% of budget left");
    expect(verdict.evidence).toMatchObject({ autonomy: 'full', actionType: 'refund' });
  });

  it('turns allow into escalate during a fast burn, stating burn rate, window and budget left', async () => {
    const { rail, traffic } = await setup();
    await traffic(20 * minute, minute, 10_000, 500);
    const verdict = await rail.evaluate(context('refund'), options);
    expect(verdict.verdict).toBe('escalate');
    expect(verdict.reason).toMatch(/16\.\dx over 1h and 50\.0x over 5m/);
    expect(verdict.reason).toMatch(/\d+\.\d% of the 30d error budget left/);
    expect(verdict.evidence).toMatchObject({
      autonomy: 'none',
      slos: [
        {
          slo: 'refunds',
          autonomy: 'none',
          exhausted: false,
          firingAlerts: [{ longWindow: '1h', shortWindow: '5m', firing: true }],
        },
      ],
    });
  });

  it('restores allow once the burn stops', async () => {
    const { rail, traffic } = await setup();
    await traffic(20 * minute, minute, 10_000, 500);
    expect((await rail.evaluate(context('refund'), options)).verdict).toBe('escalate');
    await traffic(5 * minute, minute, 10_000, 0);
    expect((await rail.evaluate(context('refund'), options)).verdict).toBe('allow');
  });

  it('escalates when the budget is exhausted, without a fast burn', async () => {
    const { rail, traffic } = await setup();
    await traffic(26 * day, hour, 600_000, 700);
    const verdict = await rail.evaluate(context('refund'), options);
    expect(verdict.verdict).toBe('escalate');
    expect(verdict.reason).toContain('exhausted its error budget');
  });

  it('escalates at reduced autonomy by default, and only at none when told', async () => {
    const slowBurn = async (railOptions: { escalateAt?: 'reduced' | 'none' }) => {
      const { rail, traffic } = await setup(railOptions);
      await traffic(22 * day, hour, 600_000, 0);
      await traffic(4 * day, hour, 600_000, 900);
      return rail.evaluate(context('refund'), options);
    };
    const byDefault = await slowBurn({});
    expect(byDefault.verdict).toBe('escalate');
    expect(byDefault.reason).toMatch(/^Autonomy reduced: .* over 3d .* over 6h/);
    expect((await slowBurn({ escalateAt: 'none' })).verdict).toBe('allow');
  });

  it('leaves humans, uncovered action types and action-less decisions alone', async () => {
    const { rail, traffic } = await setup();
    await traffic(20 * minute, minute, 10_000, 500);
    const human = await rail.evaluate(context('refund', { type: 'human' }), options);
    expect(human.verdict).toBe('allow');
    expect(human.reason).toContain("Actor type 'human' is not autonomous");
    const reply = await rail.evaluate(context('reply'), options);
    expect(reply).toMatchObject({
      verdict: 'allow',
      reason: 'Autonomy full: no SLO covers this action type.',
    });
    expect((await rail.evaluate(context(undefined), options)).verdict).toBe('allow');
    const system = await rail.evaluate(context('refund', { type: 'system' }), options);
    expect(system.verdict).toBe('escalate');
  });

  it('makes the loop escalate through evaluateRails', async () => {
    const { clock, rail, traffic } = await setup();
    await traffic(20 * minute, minute, 10_000, 500);
    const decision = await evaluateRails([rail], context('refund'), { clock });
    expect(decision).toMatchObject({ verdict: 'escalate', decidedBy: 'slo-autonomy' });
  });
});
