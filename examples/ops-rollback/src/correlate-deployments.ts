import type { HypothesisInput, Signal } from '@guardloop/core';
import type { DeploymentRegistry } from './deployment-registry';
import type { LatencyMonitor } from './latency-monitor';
import type { RollbackInput } from './rollback-deployment';

export interface CorrelationOptions {
  registry: DeploymentRegistry;
  monitor: LatencyMonitor;
  /** How far before the spike a deployment counts as a suspect. Default 15 minutes. */
  windowMs?: number;
  /** How much latency history goes into the evidence. Default 10 minutes. */
  historyMs?: number;
}

const minute = 60_000;

/**
 * Hypotheses for a latency alert: the most recent deployment of the service shortly before
 * the spike (more likely the shorter the lag) proposes rolling it back; a slow dependency is
 * always kept as the alternative a human should consider. Each cites the data it rests on.
 */
export function correlateDeployments(signal: Signal, options: CorrelationOptions) {
  const { registry, monitor, windowMs = 15 * minute, historyMs = 10 * minute } = options;
  const service = String(signal.payload.service);
  const spikeAt = signal.occurredAt;
  const latency = {
    source: 'metrics',
    path: `${service}.p99_latency_ms`,
    value: monitor.series(service, spikeAt - historyMs, spikeAt),
    note: `p99 per minute over the ${historyMs / minute} minutes up to the alert`,
  };
  const hypotheses: HypothesisInput[] = [
    {
      id: `${signal.id}:dependency`,
      title: `A dependency of ${service} slowed down`,
      rationale: 'Latency spikes without a deploy usually come from a database or a provider.',
      confidence: 0.15,
      evidence: [latency],
    },
  ];
  const suspect = registry.deploymentsBetween(service, spikeAt - windowMs, spikeAt).at(-1);
  const previous = suspect && registry.previous(service, suspect.version);
  if (!suspect || !previous) return hypotheses;

  const lagMinutes = Math.round((spikeAt - suspect.deployedAt) / minute);
  const input: RollbackInput = {
    service,
    fromVersion: suspect.version,
    toVersion: previous.version,
    deployedAt: suspect.deployedAt,
  };
  hypotheses.unshift({
    id: `${signal.id}:deploy-${suspect.version}`,
    title: `Deploy ${suspect.version} of ${service}, ${lagMinutes} min before the spike, caused it`,
    rationale: `The p99 jumped ${lagMinutes} min after ${suspect.version} went live; ${previous.version} ran without it.`,
    // A shorter lag is a stronger correlation; never certain, since correlation is not cause.
    confidence: Math.max(0.5, 0.95 - lagMinutes * 0.02),
    evidence: [
      { source: 'deployments', path: `${service}/${suspect.version}`, value: suspect },
      latency,
      { source: 'signal.payload', path: 'valueMs', value: signal.payload.valueMs },
    ],
    action: {
      name: 'rollback_deployment',
      input,
      resource: `service:${service}`,
      reversible: true,
      idempotencyKey: `rollback:${service}:${suspect.version}`,
    },
  });
  return hypotheses;
}
