import { createManualClock } from '@guardloop/core';
import { createMemoryUndoLogStore, createUndoLog } from '@guardloop/undo-log';
import { expect, test } from 'vitest';
import { createDeploymentRegistry } from './deployment-registry';
import { bot, onCall, service } from './ops-timeline';
import { createRollbackDeploymentAction } from './rollback-deployment';

function setup() {
  const clock = createManualClock(0);
  const registry = createDeploymentRegistry({ clock });
  registry.deploy({ service, version: 'v1', deployedAt: 0, by: 'ci' });
  registry.deploy({ service, version: 'v2', deployedAt: 1, by: 'ci' });
  const action = createRollbackDeploymentAction(registry);
  const undoLog = createUndoLog({ store: createMemoryUndoLogStore(), actions: [action], clock });
  return { registry, action, undoLog };
}
const input = { service, fromVersion: 'v2', toVersion: 'v1', deployedAt: 1 };
const run = { idempotencyKey: 'rollback:v2', traceId: 'trace-1', actor: bot };

test('do switches to the previous version, undo switches back, a replay does nothing', async () => {
  const { registry, action, undoLog } = setup();
  const done = await undoLog.run(action, input, run);
  expect(registry.active(service)).toBe('v1');
  const replay = await undoLog.run(action, input, run);
  expect(replay).toMatchObject({ status: 'done', replayed: true });
  expect(registry.activations(service)).toHaveLength(3);
  if (done.status !== 'done') throw new Error('expected a done run');
  await undoLog.undo(done.actionId, { by: onCall, reason: 'false alarm' });
  expect(registry.active(service)).toBe('v2');
});

test('a stale rollback (someone deployed since the decision) fails with deployment_changed', async () => {
  const { registry, action, undoLog } = setup();
  registry.deploy({ service, version: 'v3', deployedAt: 2, by: 'ci' });
  const failure = await undoLog.run(action, input, run).catch((error: unknown) => error);
  expect(failure).toMatchObject({
    code: 'action_failed',
    cause: { code: 'deployment_changed', expected: 'v2', actual: 'v3' },
  });
  expect(registry.active(service)).toBe('v3');
});

test('malformed rollback input is rejected before anything runs', async () => {
  const { registry, action, undoLog } = setup();
  const bad = { service, fromVersion: '', toVersion: 'v1', deployedAt: -5 };
  await expect(undoLog.run(action, bad, run)).rejects.toMatchObject({ code: 'invalid_input' });
  expect(registry.active(service)).toBe('v2');
});
