import { createManualClock, createSequentialIdGenerator } from '@guardloop/core';
import { createMemoryUndoLogStore, createUndoLog } from '@guardloop/undo-log';
import { createConfigChanges } from './config-changes';
import { createOpsLoop } from './create-ops-loop';
import { createDeploymentRegistry } from './deployment-registry';
import { createLatencyMonitor } from './latency-monitor';
import { createNarrator, line } from './narrate-loop-event';
import { createOpsAutonomy } from './ops-autonomy';
import { createOpsRails } from './ops-rails';
import { service, storyStart } from './ops-timeline';
import { createRollbackDeploymentAction } from './rollback-deployment';

/**
 * Wires the example together: a manual clock, the toy deployment registry, config log and telemetry, the
 * error budget, the undo log holding `rollback_deployment`, and the loop with its rails.
 * Sequential ids and the manual clock make every run print the same story.
 */
export function createOpsStage(write: (text: string) => void) {
  const clock = createManualClock(storyStart);
  const registry = createDeploymentRegistry({ clock });
  const monitor = createLatencyMonitor({ thresholdMs: 500 });
  const configChanges = createConfigChanges();
  const autonomy = createOpsAutonomy({
    clock,
    service,
    onChange: ({ from, to }) => write(line('  autonomy', `${from} -> ${to}`)),
  });
  const undoLog = createUndoLog({
    store: createMemoryUndoLogStore(),
    actions: [createRollbackDeploymentAction(registry)],
    clock,
    idGenerator: createSequentialIdGenerator('action'),
    ownerId: 'ops-demo',
  });
  const loop = createOpsLoop({
    registry,
    monitor,
    configChanges,
    undoLog,
    rails: createOpsRails({ clock, dial: autonomy.dial }),
    clock,
    idGenerator: createSequentialIdGenerator('ops'),
    onEvent: createNarrator(write),
  });
  return { clock, registry, monitor, configChanges, autonomy, undoLog, loop, write };
}

export type OpsStage = ReturnType<typeof createOpsStage>;
