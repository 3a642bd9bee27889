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
import type { UndoLog } from '@guardloop/undo-log';
import { correlateDeployments } from './correlate-deployments';
import type { DeploymentRegistry } from './deployment-registry';
import type { LatencyMonitor } from './latency-monitor';

export interface OpsLoopOptions {
  registry: DeploymentRegistry;
  monitor: LatencyMonitor;
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
 * deployments, let the rails decide, and run the chosen action through the undo log, so that
 * every autonomous change can be undone later by action id or by trace.
 */
export function createOpsLoop(options: OpsLoopOptions): Loop {
  const { registry, monitor, undoLog, rails, clock, idGenerator, onEvent } = options;
  return createLoop({
    rails,
    clock,
    ...(idGenerator ? { idGenerator } : {}),
    ...(onEvent ? { onEvent } : {}),
    steps: {
      classifyIntent: ({ signal }) => classifyAlert(signal),
      proposeHypotheses: ({ signal }) => correlateDeployments(signal, { registry, monitor }),
      act: ({ hypothesis, traceId, actor }, { abortSignal }) => {
        // The loop only acts on a hypothesis that proposes an action.
        const action = hypothesis?.action;
        if (!action) throw new Error('The loop reached `act` without an action.');
        return undoLog.run(action.name, action.input, {
          ...(action.idempotencyKey ? { idempotencyKey: action.idempotencyKey } : {}),
          traceId,
          actor,
          abortSignal,
        });
      },
    },
  });
}
