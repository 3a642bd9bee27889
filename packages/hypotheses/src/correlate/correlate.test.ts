import { describe, expect, it } from 'vitest';
import { at, ticket } from '../test-support/fixtures';
import { correlate } from './correlate';
import type { MetricSeries } from './correlate-schema';

const minute = 60_000;
const hour = 60 * minute;

/** One point a minute over the two hours before `at`; `step` added from `stepAt` on, with a small wobble. */
function series(
  name: string,
  {
    stepAt,
    step = 0,
    base = 100,
    service,
  }: {
    stepAt?: number;
    step?: number;
    base?: number;
    service?: string;
  },
): MetricSeries {
  const points = [];
  for (let t = at - 2 * hour; t <= at; t += minute) {
    const wobble = ((t / minute) % 3) - 1; // -1, 0, 1: deterministic noise
    points.push({ at: t, value: base + wobble + (stepAt !== undefined && t >= stepAt ? step : 0) });
  }
  return { name, points, ...(service ? { service } : {}) };
}

const signal = ticket({ service: 'checkout' });

describe('correlate', () => {
  it('names the deploy after which the related metric shifted', () => {
    const deployAt = at - 30 * minute;
    const result = correlate({
      signal,
      windowMs: hour,
      changes: [
        { id: 'deploy-7', kind: 'deploy', at: deployAt, service: 'checkout' },
        { id: 'flag-2', kind: 'flag', at: at - 10 * minute, service: 'search' },
        { id: 'cert-1', kind: 'certificate', at: at - 50 * minute },
        { id: 'old', kind: 'config', at: at - 3 * hour, service: 'checkout' },
        { id: 'later', kind: 'deploy', at: at + minute, service: 'checkout' },
      ],
      metrics: [series('checkout.p95_ms', { stepAt: deployAt, step: 300, service: 'checkout' })],
    });
    expect(result.grounded).toBe(true);
    expect(result.explanations.map((explanation) => explanation.change.id)).toEqual([
      'deploy-7',
      'flag-2',
      'cert-1',
    ]);
    // cert-1 came 20 min before the shift: past the default lag (6 min), so not its cause.
    expect(result.explanations.map((explanation) => explanation.grounded)).toEqual([
      true,
      false,
      false,
    ]);
    expect(result.shifts).toEqual([
      expect.objectContaining({ metric: 'checkout.p95_ms', at: deployAt }),
    ]);
    const [best] = result.explanations;
    expect(best).toMatchObject({ scope: 'shared', grounded: true, proximity: 0.5 });
    expect(best?.shift?.before.mean).toBeCloseTo(100, 0);
    expect(best?.shift?.after.mean).toBeCloseTo(400, 0);
    expect(best?.evidence.map((item) => item.note)).toEqual([
      'deploy deploy-7 of checkout 30 min before the signal',
      expect.stringMatching(
        /^checkout\.p95_ms rose from 100(\.\d+)? to 400(\.\d+)? after the change/,
      ),
    ]);
    expect(result.evidence).toBe(best?.evidence);
    expect(result.reason).toBeUndefined();
  });

  it('says "no supporting telemetry" when no metric shifted', () => {
    const result = correlate({
      signal,
      windowMs: hour,
      changes: [{ id: 'deploy-7', kind: 'deploy', at: at - 30 * minute, service: 'checkout' }],
      metrics: [series('checkout.p95_ms', { service: 'checkout' })],
    });
    expect(result).toMatchObject({ grounded: false, reason: 'no_metric_shift' });
    expect(result.evidence).toEqual([
      { source: 'telemetry', value: null, note: 'no supporting telemetry' },
    ]);
    expect(result.explanations[0]?.shift).toBeUndefined();
    expect(result.explanations[0]?.evidence[1]?.note).toBe('no metric shift at this change');
  });

  it('reports no changes in the window, and works without metrics', () => {
    expect(correlate({ signal, windowMs: hour, changes: [] })).toMatchObject({
      grounded: false,
      reason: 'no_changes_in_window',
      explanations: [],
    });
    const onlyChange = correlate({
      signal,
      windowMs: hour,
      changes: [{ id: 'd', kind: 'deploy', at: at - minute, service: 'checkout' }],
    });
    expect(onlyChange.grounded).toBe(false);
    expect(onlyChange.explanations[0]?.score).toBeCloseTo(0.3 * (59 / 60) + 0.3, 10);
  });

  it('ignores metrics of unrelated services and shifts before too few points', () => {
    const deployAt = at - 30 * minute;
    const unrelated = correlate({
      signal,
      windowMs: hour,
      changes: [{ id: 'd', kind: 'deploy', at: deployAt, service: 'checkout' }],
      metrics: [series('search.p95_ms', { stepAt: deployAt, step: 300, service: 'search' })],
    });
    expect(unrelated.grounded).toBe(false);
    const tooLate = correlate({
      signal,
      windowMs: hour,
      minPoints: 5,
      changes: [{ id: 'd', kind: 'deploy', at: at - 2 * minute, service: 'checkout' }],
      metrics: [series('checkout.p95_ms', { stepAt: at - 2 * minute, step: 300 })],
    });
    expect(tooLate.grounded).toBe(false);
  });

  it('detects a drop on a flat series, capped rather than infinite', () => {
    const changeAt = at - 20 * minute;
    const points = [];
    for (let t = at - hour; t <= at; t += minute)
      points.push({ at: t, value: t >= changeAt ? 0 : 1 });
    const result = correlate({
      signal,
      windowMs: hour,
      now: at,
      scope: { component: 'tls' },
      changes: [{ id: 'cert', kind: 'certificate', at: changeAt, component: 'tls' }],
      metrics: [{ name: 'tls.handshakes_ok', component: 'tls', points }],
    });
    expect(result.grounded).toBe(true);
    expect(result.explanations[0]?.shift?.z).toBe(-1e6);
    expect(result.explanations[0]?.evidence[1]?.note).toMatch(/fell from 1 to 0/);
  });

  it('is deterministic and breaks ties by recency, then id', () => {
    const changes = [
      { id: 'b', kind: 'config' as const, at: at - 10 * minute },
      { id: 'a', kind: 'config' as const, at: at - 10 * minute },
      { id: 'c', kind: 'config' as const, at: at - 5 * minute },
    ];
    const first = correlate({ signal, windowMs: hour, changes });
    expect(first.explanations.map((explanation) => explanation.change.id)).toEqual(['c', 'a', 'b']);
    expect(correlate({ signal, windowMs: hour, changes })).toEqual(first);
  });

  it('rejects malformed input with a typed error', () => {
    const bad = [
      undefined,
      { signal, windowMs: 0, changes: [] },
      { signal, windowMs: hour, changes: [{ id: 'x', kind: 'meteor', at }] },
      { signal: { id: 'x' }, windowMs: hour, changes: [] },
      {
        signal,
        windowMs: hour,
        changes: [],
        metrics: [
          {
            name: 'm',
            points: [
              { at: 2, value: 1 },
              { at: 1, value: 1 },
            ],
          },
        ],
      },
      {
        signal,
        windowMs: hour,
        changes: [],
        metrics: [{ name: 'm', points: [{ at: 1, value: Number.NaN }] }],
      },
    ];
    for (const input of bad) {
      expect(() => correlate(input as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
  });
});
