import {
  type Clock,
  createLoop,
  type IdGenerator,
  type IntentInput,
  type Loop,
  type LoopEvent,
  type Rail,
  type Signal,
} from '@guardloop/core';
import { createActStep, type UndoLog } from '@guardloop/undo-log';
import type { ConfigChanges } from './config-changes';
import { correlateDeployments } from './correlate-deployments';
import type { DeploymentRegistry } from './deployment-registry';
import type { LatencyMonitor } from './latency-monitor';

export interface OpsLoopOptions {
  registry: DeploymentRegistry;
  monitor: LatencyMonitor;
  configChanges: ConfigChanges;
  undoLog: UndoLog;
  rails: readonly Rail[];
  clock: Clock;
  idGenerator?: IdGenerator;
  onEvent?: (event: LoopEvent) => void;
}

/** Alerts carry their metric, so a lookup table is an honest intent classifier for them. */
const intentsByMetric: Record<string, string> = {
  p99_latency_ms: 'latency_regression',
  error_rate: 'error_spike',
};

export function classifyAlert(signal: Signal): IntentInput {
  const label = intentsByMetric[String(signal.payload.metric)];
  return label
    ? { label, confidence: 0.97, classifier: 'alert-metric' }
    : { label: 'unknown', confidence: 0, abstained: true, classifier: 'alert-metric' };
}

/**
 * The Signal-Learning Loop for production alerts: classify the alert, correlate it with recent
 * deploys and config changes, let the rails decide, and run the chosen action through the undo
 * log, so that every autonomous change can be undone later by action id or by trace.
 */
export function createOpsLoop(options: OpsLoopOptions): Loop {
  const { registry, monitor, configChanges, undoLog, rails, clock, idGenerator, onEvent } = options;
  return createLoop({
    rails,
    // The undo log's definitions say which actions are reversible, not the hypotheses.
    actions: undoLog,
    clock,
    ...(idGenerator ? { idGenerator } : {}),
    ...(onEvent ? { onEvent } : {}),
    steps: {
      classifyIntent: ({ signal }) => classifyAlert(signal),
      proposeHypotheses: ({ signal }) =>
        correlateDeployments(signal, { registry, monitor, configChanges }),
      act: createActStep(undoLog),
    },
  });
}
