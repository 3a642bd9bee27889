import { describe, expect, test } from 'vitest';
import { createOpsStage } from './create-ops-stage';
import { at, bot, minuteMs, service } from './ops-timeline';

/**
 * A stage with v1 running since the day before, then `v2` deployed at 09:56 and one sample a
 * minute from 09:50 to 10:00; the last p99 sample (940 ms) fires the alert.
 */
function alertAfterDeploy(errorRatePct: number[], p99Ms: number[]) {
  const stage = createOpsStage(() => {});
  stage.registry.deploy({
    service,
    version: 'v1',
    deployedAt: at(9, 0) - 24 * 60 * minuteMs,
    by: 'ci',
  });
  let alert: ReturnType<typeof stage.monitor.record>;
  for (const [index, p99] of p99Ms.entries()) {
    const sampleAt = at(9, 50) + index * minuteMs;
    stage.clock.set(sampleAt);
    if (sampleAt === at(9, 56))
      stage.registry.deploy({ service, version: 'v2', deployedAt: sampleAt, by: 'ci' });
    alert = stage.monitor.record(service, {
      at: sampleAt,
      p99Ms: p99,
      errorRatePct: errorRatePct[index] ?? 0.2,
    });
  }
  if (!alert) throw new Error('expected the last sample to fire the alert');
  return { stage, alert };
}

const flatErrors = [0.2, 0.3, 0.2, 0.2, 0.3, 0.2, 0.2, 0.3, 0.2, 0.2, 0.3];
const steppedErrors = [0.2, 0.3, 0.2, 0.2, 0.3, 0.2, 0.2, 2.4, 2.6, 2.5, 2.9];
// One bad minute: too short for a mean shift, so telemetry supports no change.
const oneBadMinute = [182, 179, 185, 181, 184, 183, 186, 181, 184, 183, 940];
const ramp = [182, 179, 185, 181, 184, 183, 186, 214, 263, 347, 940];
const handle = (stage: ReturnType<typeof alertAfterDeploy>['stage'], alert: object) =>
  stage.loop.handle(alert as never, { actor: bot, attributes: { changeFreeze: false } });

describe('hypotheses from correlate', () => {
  test('grounded: the rollback names the deploy it would undo, with the correlation as evidence', async () => {
    const { stage, alert } = alertAfterDeploy(steppedErrors, ramp);
    const result = await handle(stage, alert);
    const [top] = result.hypotheses;
    expect(top?.action).toMatchObject({
      name: 'rollback_deployment',
      input: { service, fromVersion: 'v2', toVersion: 'v1' },
    });
    const evidence = top?.evidence ?? [];
    expect(evidence.find((item) => item.source === 'changes')).toMatchObject({
      path: 'checkout/v2',
      note: 'deploy checkout/v2 of checkout 4 min before the signal',
    });
    expect(evidence.find((item) => item.source === 'metrics')).toMatchObject({
      path: 'checkout.error_rate_pct',
      note: expect.stringMatching(/rose from .* after the change/),
    });
    expect(evidence.find((item) => item.source === 'correlate')).toMatchObject({
      path: 'checkout/v2',
      value: { grounded: true, scope: 'shared' },
    });
    const correlation = evidence.find((item) => item.source === 'correlate');
    expect(top?.confidence).toBe((correlation?.value as { score?: number } | undefined)?.score);
    expect(result.status).toBe('acted');
    expect(stage.registry.active(service)).toBe('v1');
  });

  test('ungrounded: a deploy nothing moved with proposes no rollback, and the loop escalates', async () => {
    const { stage, alert } = alertAfterDeploy(flatErrors, oneBadMinute);
    const result = await handle(stage, alert);
    expect(result.hypotheses.every((hypothesis) => hypothesis.action === undefined)).toBe(true);
    const [top] = result.hypotheses;
    expect(top?.title).toBe('checkout/v2 went live before the spike, but no metric moved with it');
    expect(top?.evidence).toContainEqual({
      source: 'telemetry',
      value: null,
      note: 'no supporting telemetry',
    });
    expect(result.status).toBe('escalated');
    expect(result.escalation).toMatchObject({ step: 'hypotheses' });
    expect(stage.registry.active(service)).toBe('v2');
    expect(await stage.undoLog.listTrace(result.traceId)).toEqual([]);
  });

  test('a config change that explains the spike is named, but not rolled back', async () => {
    const { stage, alert } = alertAfterDeploy(steppedErrors, ramp);
    // The same jump, but the deploy is two days old and a config change of checkout came at 09:56.
    const fresh = createOpsStage(() => {});
    fresh.registry.deploy({ service, version: 'v1', deployedAt: 0, by: 'ci' });
    fresh.registry.deploy({
      service,
      version: 'v2',
      deployedAt: at(9, 0) - 48 * 60 * minuteMs,
      by: 'ci',
    });
    fresh.configChanges.record({
      id: 'checkout-pool-size',
      service,
      at: at(9, 56),
      by: 'bob',
      description: 'database pool 50 -> 5',
    });
    for (const sample of stage.monitor.series(service, 0, at(10, 0))) {
      fresh.clock.set(sample.at);
      fresh.monitor.record(service, sample);
    }
    const result = await handle(fresh, alert);
    const [top] = result.hypotheses;
    expect(top?.title).toBe(
      'config change checkout-pool-size explains the spike, but it is not a deploy',
    );
    expect(top?.action).toBeUndefined();
    expect(result.status).toBe('escalated');
    expect(fresh.registry.active(service)).toBe('v2');
  });

  test('no change in the window: only the dependency and an explicit no-change hypothesis', async () => {
    const stage = createOpsStage(() => {});
    stage.registry.deploy({ service, version: 'v1', deployedAt: 0, by: 'ci' });
    stage.clock.set(at(10, 0));
    const alert = stage.monitor.record(service, { at: at(10, 0), p99Ms: 940 });
    const result = await handle(stage, alert as object);
    expect(result.hypotheses.map((hypothesis) => hypothesis.title)).toEqual([
      'A dependency of checkout slowed down',
      'No deploy or config change of checkout in the last 15 min',
    ]);
    expect(result.status).toBe('escalated');
  });
});
