import { type Evidence, parseInput } from '@guardloop/core';
import {
  type ChangeEvent,
  type CorrelateInput,
  correlateInputSchema,
  type MetricSeries,
} from './correlate-schema';
import { changePoint, type MeanShift, prepareSeries } from './mean-shift';

/** How a change's service / component relates to the signal's. */
export type ChangeScope = 'shared' | 'unknown' | 'unrelated';

export interface CorrelationExplanation {
  change: ChangeEvent;
  /** 0..1: 0.3 × proximity + 0.3 × scope + 0.4 × metric support. */
  score: number;
  /** 1 at the end of the window, falling linearly to 0 at its start. */
  proximity: number;
  scope: ChangeScope;
  /** The related metric shift this change best explains: at or up to `lagMs` after it. */
  shift?: MeanShift | undefined;
  /** True when a metric shifted at this change: telemetry supports it. */
  grounded: boolean;
  evidence: Evidence[];
}

export interface CorrelationResult {
  /** False when no change in the window comes with a metric shift: "no supporting telemetry". */
  grounded: boolean;
  /** Every change in the window, most plausible first. */
  explanations: CorrelationExplanation[];
  /** The best explanation's evidence, or the single "no supporting telemetry" item. */
  evidence: Evidence[];
  /** Each metric's change point in the window whose |z| passed the threshold. */
  shifts: MeanShift[];
  /** Why nothing is grounded; absent when something is. */
  reason?: 'no_changes_in_window' | 'no_metric_shift' | undefined;
}

const scopeWeight: Record<ChangeScope, number> = { shared: 1, unknown: 0.5, unrelated: 0 };

/**
 * Scores which recent changes plausibly explain a signal: how close before it they happened,
 * whether they touched the signal's service or component, and whether a related metric's mean
 * shifted at or shortly after the change (each metric's change point, see `changePoint`).
 * Deterministic; O(metric points + changes × metrics).
 * @throws InvalidInputError (`invalid_input`) on malformed input
 */
export function correlate(input: CorrelateInput): CorrelationResult {
  const parsed = parseInput(correlateInputSchema, input, 'correlate input');
  const { signal, windowMs, threshold = 3, minPoints = 3 } = parsed;
  const end = parsed.now ?? signal.occurredAt;
  const start = end - windowMs;
  const text = (value: unknown) =>
    typeof value === 'string' && value.length > 0 ? value : undefined;
  const scope = parsed.scope ?? {
    service: text(signal.payload.service),
    component: text(signal.payload.component),
  };
  const lagMs = parsed.lagMs ?? Math.max(1, Math.round(windowMs / 10));
  // One change point per metric, O(points): the window, with one more window before it to compare.
  const shifts = parsed.metrics.flatMap((metric) => {
    const shift = changePoint(prepareSeries(metric), {
      from: start - windowMs,
      start,
      end,
      minPoints,
    });
    return shift && Math.abs(shift.z) >= threshold ? [{ metric, shift }] : [];
  });

  const explanations = parsed.changes
    .filter((change) => change.at >= start && change.at <= end)
    .map((change): CorrelationExplanation => {
      const proximity = 1 - (end - change.at) / windowMs;
      const relation = scopeOf(change, scope);
      // The shift this change explains best: strong, and soon after it (half credit at lagMs).
      let shift: MeanShift | undefined;
      let support = 0;
      for (const candidate of shifts) {
        const lag = candidate.shift.at - change.at;
        if (lag < 0 || lag > lagMs || !relates(candidate.metric, change, scope)) continue;
        const strength = Math.min(1, Math.abs(candidate.shift.z) / (2 * threshold));
        const credit = strength * (1 - (0.5 * lag) / lagMs);
        if (credit > support) {
          support = credit;
          shift = candidate.shift;
        }
      }
      const score = 0.3 * proximity + 0.3 * scopeWeight[relation] + 0.4 * support;
      const grounded = shift !== undefined;
      return {
        change,
        score,
        proximity,
        scope: relation,
        ...(shift ? { shift } : {}),
        grounded,
        evidence: explain(change, end, shift),
      };
    })
    .sort(
      (a, b) =>
        b.score - a.score || b.change.at - a.change.at || (a.change.id < b.change.id ? -1 : 1),
    );

  const found = shifts.map((item) => item.shift);
  const best = explanations.find((explanation) => explanation.grounded);
  if (best) return { grounded: true, explanations, evidence: best.evidence, shifts: found };
  return {
    grounded: false,
    explanations,
    evidence: [{ source: 'telemetry', value: null, note: 'no supporting telemetry' }],
    shifts: found,
    reason: explanations.length === 0 ? 'no_changes_in_window' : 'no_metric_shift',
  };
}

interface Scope {
  service?: string | undefined;
  component?: string | undefined;
}

function scopeOf(change: ChangeEvent, scope: Scope): ChangeScope {
  const comparable =
    (change.service !== undefined && scope.service !== undefined) ||
    (change.component !== undefined && scope.component !== undefined);
  if (!comparable) return 'unknown';
  const shared =
    (change.service !== undefined && change.service === scope.service) ||
    (change.component !== undefined && change.component === scope.component);
  return shared ? 'shared' : 'unrelated';
}

/** A metric relates to a change when it names no scope, or the change's or the signal's. */
function relates(metric: MetricSeries, change: ChangeEvent, scope: Scope): boolean {
  if (metric.service === undefined && metric.component === undefined) return true;
  const matches = (service?: string, component?: string) =>
    (metric.service !== undefined && metric.service === service) ||
    (metric.component !== undefined && metric.component === component);
  return matches(change.service, change.component) || matches(scope.service, scope.component);
}

function explain(change: ChangeEvent, end: number, shift: MeanShift | undefined): Evidence[] {
  const minutes = Math.round((end - change.at) / 60_000);
  const where = change.service ?? change.component;
  const changeEvidence: Evidence = {
    source: 'changes',
    path: change.id,
    value: {
      kind: change.kind,
      at: change.at,
      service: change.service,
      component: change.component,
    },
    note: `${change.kind} ${change.id}${where ? ` of ${where}` : ''} ${minutes} min before the signal`,
  };
  if (!shift)
    return [
      changeEvidence,
      { source: 'metrics', value: null, note: 'no metric shift at this change' },
    ];
  const direction = shift.z > 0 ? 'rose' : 'fell';
  const round = (value: number) => Number(value.toPrecision(4));
  return [
    changeEvidence,
    {
      source: 'metrics',
      path: shift.metric,
      value: { before: shift.before, after: shift.after, z: round(shift.z) },
      note: `${shift.metric} ${direction} from ${round(shift.before.mean)} to ${round(shift.after.mean)} after the change (z = ${round(shift.z)})`,
    },
  ];
}
