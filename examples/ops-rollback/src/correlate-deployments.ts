import type { Evidence, HypothesisInput, Signal } from '@guardloop/core';
import type { CorrelationExplanation } from '@guardloop/hypotheses';
import type { ConfigChanges } from './config-changes';
import { correlateAlert } from './correlate-alert';
import type { DeploymentRegistry } from './deployment-registry';
import type { LatencyMonitor } from './latency-monitor';
import type { RollbackInput } from './rollback-deployment';

export interface CorrelationOptions {
  registry: DeploymentRegistry;
  monitor: LatencyMonitor;
  configChanges: ConfigChanges;
  /** How far before the alert a change counts as a suspect. Default 15 minutes. */
  windowMs?: number;
  /** How long after a change its metrics may shift and still count. Default 3 minutes. */
  lagMs?: number;
}

const minute = 60_000;

/** What `correlate` found, as one evidence item a reviewer can read next to the raw data. */
function correlationEvidence(best: CorrelationExplanation, others: CorrelationExplanation[]) {
  const runnersUp = others.map(
    ({ change, score, grounded }) =>
      `${change.id} ${score.toFixed(2)}${grounded ? '' : ' (no metric shift)'}`,
  );
  return {
    source: 'correlate',
    path: best.change.id,
    value: {
      score: best.score,
      proximity: best.proximity,
      scope: best.scope,
      grounded: best.grounded,
    },
    note: `score ${best.score.toFixed(2)}, ${others.length === 0 ? 'the only change in the window' : `the best of ${others.length + 1} changes in the window; others: ${runnersUp.join(', ')}`}`,
  } satisfies Evidence;
}

/**
 * Hypotheses for a latency alert, from `correlate` over the recent deploys and config changes
 * and the service's p99 latency and error rate. Only a deploy that telemetry supports (a metric
 * shifted right after it) proposes `rollback_deployment`, with the correlation as evidence;
 * anything else (a config change, a deploy nothing moved with, no change at all) proposes no
 * action, so the loop escalates to a human. A slow dependency is always kept as the alternative.
 */
export function correlateDeployments(signal: Signal, options: CorrelationOptions) {
  const { registry, windowMs = 15 * minute, lagMs = 3 * minute } = options;
  const now = signal.occurredAt;
  const { service, correlation, deployments, samples } = correlateAlert(signal, {
    ...options,
    windowMs,
    lagMs,
  });

  const dependency: HypothesisInput = {
    id: `${signal.id}:dependency`,
    title: `A dependency of ${service} slowed down`,
    rationale: 'Latency spikes without a deploy usually come from a database or a provider.',
    confidence: 0.15,
    evidence: [
      {
        source: 'metrics',
        path: `${service}.p99_latency_ms`,
        value: samples.filter((sample) => sample.at > now - windowMs),
        note: `p99 per minute over the ${windowMs / minute} minutes up to the alert`,
      },
    ],
  };
  const best = correlation.explanations.find((explanation) => explanation.grounded);
  const others = correlation.explanations.filter((explanation) => explanation !== best);
  const deployment = best && deployments.get(best.change.id);
  const previous = deployment && registry.previous(service, deployment.version);

  if (!best || !deployment || !previous) {
    // Nothing to undo on this evidence: say what was looked at, propose no action.
    const latest = correlation.explanations[0];
    const title = best
      ? `${best.change.kind} change ${best.change.id} explains the spike, but it is not a deploy`
      : latest
        ? `${latest.change.id} went live before the spike, but no metric moved with it`
        : `No deploy or config change of ${service} in the last ${windowMs / minute} min`;
    return [
      {
        id: `${signal.id}:ungrounded`,
        title,
        rationale: 'No supporting telemetry for rolling back a deploy: a human has to look.',
        confidence: best?.score ?? latest?.score ?? 0,
        evidence: [
          ...(best?.evidence ?? correlation.evidence),
          ...others.flatMap((item) => item.evidence.slice(0, 1)),
        ],
      },
      dependency,
    ] satisfies HypothesisInput[];
  }

  const lagMinutes = Math.round((now - deployment.deployedAt) / minute);
  const input: RollbackInput = {
    service,
    fromVersion: deployment.version,
    toVersion: previous.version,
    deployedAt: deployment.deployedAt,
  };
  const rollback: HypothesisInput = {
    id: `${signal.id}:deploy-${deployment.version}`,
    title: `Deploy ${deployment.version} of ${service}, ${lagMinutes} min before the spike, caused it`,
    rationale: `A metric of ${service} shifted right after ${deployment.version} went live; ${previous.version} ran without it.`,
    // correlate's score: never certain, since correlation is not cause.
    confidence: best.score,
    evidence: [
      { source: 'deployments', path: `${service}/${deployment.version}`, value: deployment },
      ...best.evidence,
      correlationEvidence(best, others),
      { source: 'signal.payload', path: 'valueMs', value: signal.payload.valueMs },
    ],
    action: {
      name: 'rollback_deployment',
      input,
      resource: `service:${service}`,
      idempotencyKey: `rollback:${service}:${deployment.version}`,
    },
  };
  return [rollback, dependency] satisfies HypothesisInput[];
}
