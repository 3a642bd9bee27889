import type { Signal } from '@guardloop/core';
import {
  type ChangeEvent,
  type CorrelationResult,
  correlate,
  type MetricSeries,
} from '@guardloop/hypotheses';
import type { ConfigChanges } from './config-changes';
import type { Deployment, DeploymentRegistry } from './deployment-registry';
import type { LatencyMonitor, LatencySample } from './latency-monitor';

export interface CorrelateAlertOptions {
  registry: DeploymentRegistry;
  monitor: LatencyMonitor;
  configChanges: ConfigChanges;
  /** How far before the alert a change counts as a suspect. */
  windowMs: number;
  /** How long after a change its metrics may shift and still count. */
  lagMs: number;
}

export interface AlertCorrelation {
  service: string;
  correlation: CorrelationResult;
  /** The deploys in the window by change id, to turn an explanation back into a deployment. */
  deployments: Map<string, Deployment>;
  /** The samples correlate looked at. */
  samples: LatencySample[];
}

export const deploymentChangeId = (deployment: Deployment) =>
  `${deployment.service}/${deployment.version}`;

function metricSeries(
  service: string,
  samples: LatencySample[],
  name: string,
  value: (sample: LatencySample) => number | undefined,
): MetricSeries {
  const points = samples.flatMap((sample) => {
    const point = value(sample);
    return point === undefined ? [] : [{ at: sample.at, value: point }];
  });
  return { name: `${service}.${name}`, service, points };
}

/**
 * Feeds `correlate` what the toy systems know about the alert's service: its deploys and every
 * config change in the window as change events, its p99 latency and error rate as metrics.
 */
export function correlateAlert(signal: Signal, options: CorrelateAlertOptions): AlertCorrelation {
  const { registry, monitor, configChanges, windowMs, lagMs } = options;
  const service = String(signal.payload.service);
  const now = signal.occurredAt;
  // correlate compares the window with one window before it, so it gets twice the history.
  const samples = monitor.series(service, now - 2 * windowMs, now);
  const deployments = new Map(
    registry
      .deploymentsBetween(service, now - windowMs, now)
      .map((deployment) => [deploymentChangeId(deployment), deployment]),
  );
  const changes: ChangeEvent[] = [
    ...[...deployments].map(([id, deployment]) => ({
      id,
      kind: 'deploy' as const,
      at: deployment.deployedAt,
      service,
      description: `${deployment.by} deployed ${deployment.version}`,
    })),
    ...configChanges.between(now - windowMs, now).map((change) => ({
      id: change.id,
      kind: 'config' as const,
      at: change.at,
      service: change.service,
      description: change.description,
    })),
  ];
  const correlation = correlate({
    signal,
    windowMs,
    lagMs,
    changes,
    metrics: [
      metricSeries(service, samples, 'p99_latency_ms', (sample) => sample.p99Ms),
      metricSeries(service, samples, 'error_rate_pct', (sample) => sample.errorRatePct),
    ],
  });
  return { service, correlation, deployments, samples };
}
