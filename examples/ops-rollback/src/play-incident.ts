import type { Loop, LoopResult, ManualClock } from '@guardloop/core';
import type { ConfigChanges } from './config-changes';
import type { DeploymentRegistry } from './deployment-registry';
import type { LatencyMonitor } from './latency-monitor';
import { formatTime, line } from './narrate-loop-event';
import { bot, type Incident, minuteMs } from './ops-timeline';

export interface IncidentStage {
  clock: ManualClock;
  registry: DeploymentRegistry;
  monitor: LatencyMonitor;
  configChanges: ConfigChanges;
  loop: Loop;
  write: (text: string) => void;
}

/**
 * Plays one incident minute by minute: the deployment and config changes go live, p99 and
 * error-rate samples arrive, the sample that crosses the threshold raises an alert, and the
 * alert goes through the loop.
 */
export async function playIncident(stage: IncidentStage, incident: Incident): Promise<LoopResult> {
  const { clock, registry, monitor, configChanges, loop, write } = stage;
  const { service } = incident.deployment;
  let deployed = false;
  const pending = [...(incident.configChanges ?? [])];
  let alert: ReturnType<LatencyMonitor['record']>;
  const sampleTimes = incident.p99Ms.map((_, index) => incident.samplesFrom + index * minuteMs);
  for (const [index, p99Ms] of incident.p99Ms.entries()) {
    const at = sampleTimes[index] ?? clock.now();
    clock.set(at);
    if (!deployed && incident.deployment.deployedAt <= at) {
      const deployment = registry.deploy(incident.deployment);
      write(
        line(
          `${formatTime(deployment.deployedAt)} deploy`,
          `${deployment.by} deploys ${service} ${deployment.version} (commit ${deployment.commit})`,
        ),
      );
      deployed = true;
    }
    for (const change of pending.filter((item) => item.at <= at)) {
      configChanges.record(change);
      pending.splice(pending.indexOf(change), 1);
      write(
        line(
          `${formatTime(change.at)} config`,
          `${change.by} changes ${change.service}: ${change.description}`,
        ),
      );
    }
    const errorRatePct = incident.errorRatePct[index];
    alert = monitor.record(service, {
      at,
      p99Ms,
      ...(errorRatePct === undefined ? {} : { errorRatePct }),
    });
  }
  const range = `${formatTime(sampleTimes[0] ?? 0)}-${formatTime(clock.now())}`;
  write(line(`  metrics`, `${service} p99 ${range}: ${incident.p99Ms.join(' ')} ms`));
  write(line(`  metrics`, `${service} errors ${range}: ${incident.errorRatePct.join(' ')} %`));
  if (!alert) throw new Error('The incident data never crosses the alert threshold.');

  const result = await loop.handle(alert, { actor: bot, attributes: { changeFreeze: false } });

  if (incident.recoveryMs.length > 0) {
    const from = clock.now() + minuteMs;
    for (const [index, p99Ms] of incident.recoveryMs.entries()) {
      clock.advance(minuteMs);
      const errorRatePct = incident.recoveryErrorRatePct?.[index];
      monitor.record(service, {
        at: clock.now(),
        p99Ms,
        ...(errorRatePct === undefined ? {} : { errorRatePct }),
      });
    }
    const range = `${formatTime(from)}-${formatTime(clock.now())}`;
    write(line(`  metrics`, `${service} p99 ${range}: ${incident.recoveryMs.join(' ')} ms`));
    if (incident.recoveryErrorRatePct) {
      const errors = incident.recoveryErrorRatePct.join(' ');
      write(line(`  metrics`, `${service} errors ${range}: ${errors} %`));
    }
  }
  return result;
}
