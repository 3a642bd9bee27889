import type { Decision, Intent, LoopStatus } from '@guardloop/core';
import type { Attributes, Meter } from '@opentelemetry/api';
import { attributes, autonomyLevelValues, metricNames } from './attributes';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export interface LoopMetrics {
  decision(decision: Decision): void;
  run(status: LoopStatus, escalation?: { step: string; rail?: string | undefined }): void;
  intent(intent: Intent): void;
  outcome(type: string, extra: Attributes): void;
  slaBreach(deadline: string, rail: string | undefined): void;
}

/**
 * One frozen attribute set per distinct tuple of values (verdict, rail, status...), so a run
 * reuses the sets of the runs before it instead of building an object per metric point. Looked up
 * through nested maps, one level per value: joining the values into one key string made a new
 * string, and hashed it, per point. Bounded: past `max` sets (rail names and verdicts are few; a
 * host that feeds ids into them is not) it builds a fresh set each time.
 */
function createAttributeCache(max = 1024) {
  type Level = Map<string, Level | Attributes>;
  const root: Level = new Map();
  let size = 0;
  return (values: readonly string[], build: () => Attributes): Attributes => {
    let level = root;
    for (let index = 0; index < values.length - 1; index++) {
      const key = values[index] as string;
      let next = level.get(key) as Level | undefined;
      if (!next) {
        if (size >= max) return build();
        next = new Map();
        level.set(key, next);
      }
      level = next;
    }
    const last = values[values.length - 1] as string;
    const known = level.get(last) as Attributes | undefined;
    if (known) return known;
    const built = Object.freeze(build());
    if (size < max) {
      level.set(last, built);
      size++;
    }
    return built;
  };
}

/**
 * Counters and gauges of what the events carry. Escalation rate = `guardloop.escalations` /
 * `guardloop.loop.runs`; autonomy, error budget and cost come from the economic rails' evidence.
 */
export function createLoopMetrics(meter: Meter): LoopMetrics {
  const decisions = meter.createCounter(metricNames.decisions, {
    description: 'Decisions by verdict and deciding rail',
  });
  const runs = meter.createCounter(metricNames.runs, { description: 'Loop runs by final status' });
  const escalations = meter.createCounter(metricNames.escalations, {
    description: 'Escalations to a human, by step and rail',
  });
  const autonomy = meter.createGauge(metricNames.autonomyLevel, {
    description: 'Autonomy dial per action type: 2 full, 1 reduced, 0 none',
  });
  const budget = meter.createGauge(metricNames.errorBudgetRemaining, {
    description: 'Error budget remaining per SLO (fraction)',
  });
  const cost = meter.createGauge(metricNames.costUsed, {
    description: 'Cost used in the current period, per budget, scope and dimension',
  });
  const breaches = meter.createCounter(metricNames.slaBreaches, {
    description: 'Inbox SLA breaches',
  });
  const classifications = meter.createCounter(metricNames.classifications, {
    description: 'Intent classifications by classifier',
  });
  const abstentions = meter.createCounter(metricNames.abstentions, {
    description: 'Classifier abstentions (below its confidence floor)',
  });
  const railDuration = meter.createHistogram(metricNames.railDuration, {
    description: 'Rail run time',
    unit: 'ms',
  });
  const outcomes = meter.createCounter(metricNames.outcomes, { description: 'Outcomes by type' });
  const cached = createAttributeCache();

  const economic = (evidence: unknown) => {
    if (!isRecord(evidence)) return;
    const level =
      typeof evidence.autonomy === 'string' ? autonomyLevelValues[evidence.autonomy] : undefined;
    if (level !== undefined && typeof evidence.actionType === 'string')
      autonomy.record(level, { [attributes.actionName]: evidence.actionType });
    for (const slo of Array.isArray(evidence.slos) ? evidence.slos : []) {
      if (isRecord(slo) && typeof slo.slo === 'string' && typeof slo.budgetRemaining === 'number')
        budget.record(slo.budgetRemaining, { [attributes.slo]: slo.slo });
    }
    for (const line of Array.isArray(evidence.lines) ? evidence.lines : []) {
      if (isRecord(line) && typeof line.budget === 'string' && typeof line.used === 'number')
        cost.record(line.used, {
          [attributes.budget]: line.budget,
          [attributes.budgetScope]: String(line.scope),
          [attributes.budgetDimension]: String(line.dimension),
        });
    }
  };

  return {
    decision(decision) {
      const decidedBy = decision.decidedBy ?? 'none';
      decisions.add(
        1,
        cached(['d', decision.verdict, decidedBy], () => ({
          [attributes.decisionVerdict]: decision.verdict,
          [attributes.decidedBy]: decidedBy,
        })),
      );
      for (const rail of decision.rails) {
        railDuration.record(
          rail.durationMs,
          cached(['r', rail.rail, rail.status, rail.verdict ?? ''], () => {
            const railAttributes: Attributes = {
              [attributes.guardrailName]: rail.rail,
              [attributes.railStatus]: rail.status,
            };
            if (rail.verdict) railAttributes[attributes.verdictType] = rail.verdict;
            return railAttributes;
          }),
        );
        if (rail.kind === 'economic') economic(rail.evidence);
      }
    },
    run(status, escalation) {
      runs.add(
        1,
        cached(['s', status], () => ({ [attributes.loopStatus]: status })),
      );
      if (escalation)
        escalations.add(1, {
          [attributes.escalationStep]: escalation.step,
          [attributes.escalationRail]: escalation.rail ?? 'none',
        });
    },
    intent(intent) {
      const name = intent.classifier ?? 'unknown';
      const classifier = cached(['c', name], () => ({ [attributes.classifier]: name }));
      classifications.add(1, classifier);
      if (intent.abstained) abstentions.add(1, classifier);
    },
    outcome(type, extra) {
      outcomes.add(1, { [attributes.outcomeType]: type, ...extra });
    },
    slaBreach(deadline, rail) {
      breaches.add(1, {
        [attributes.slaDeadline]: deadline,
        [attributes.escalationRail]: rail ?? 'none',
      });
    },
  };
}
