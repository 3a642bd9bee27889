import { createManualClock } from '@guardloop/core';
import { createInbox } from '@guardloop/inbox';
import { expect, it } from 'vitest';
import { spawnChild } from '../test-support/spawn-child';
import { describeWithPostgres, useTestDatabase } from '../test-support/test-databases';
import { createPostgresInboxStore } from './postgres-inbox-store';

const child = '../../inbox/test-support/inbox-sla-monitor-child.ts';
const start = 1_700_000_000_000;

describeWithPostgres('SLA monitors in separate processes on one database', (url) => {
  const database = useTestDatabase('postgres', 'inbox_sla_multi');

  async function escalated(count: number) {
    const client = await database.client();
    const schema = await database.newSchema();
    const store = createPostgresInboxStore({ client, schema });
    const inbox = createInbox({
      store,
      clock: createManualClock(start),
      sla: { urgent: { acknowledgeWithinMs: 60_000 } },
    });
    const ids: string[] = [];
    for (let index = 0; index < count; index++) {
      const item = await inbox.escalate({
        traceId: `sla-multi-${index}`,
        action: { name: 'refund', input: { orderId: `o-${index}` } },
        reason: 'needs a human',
        priority: 'urgent',
      });
      ids.push(item.id);
    }
    return { schema, store, ids };
  }

  const events = async (started: ReturnType<typeof spawnChild>) => {
    const line = await started.waitForLine('events:');
    return JSON.parse(line.slice('events:'.length)) as string[];
  };

  it('emits each breach exactly once when 3 processes run a round at once', async () => {
    const { schema, store, ids } = await escalated(10);
    const later = String(start + 2 * 60_000);
    const children = [1, 2, 3].map(() => spawnChild(child, [url, schema, later, 'race']));
    await Promise.all(children.map((started) => started.waitForLine('ready')));
    for (const started of children) started.send('go');
    const emitted = (await Promise.all(children.map(events))).flat();
    expect(emitted.toSorted()).toEqual(
      ids.map((id) => `sla:${id}:acknowledge:breached`).toSorted(),
    );
    for (const id of ids) {
      const item = await store.get(id);
      expect(item?.queue).toBe('tier-2');
      expect(item?.history.filter((entry) => entry.type === 'sla_breached')).toHaveLength(1);
    }
  }, 120_000);

  it('delivers again, once, what a crashed process claimed, after its lease', async () => {
    const { schema, ids } = await escalated(1);
    const crashing = spawnChild(child, [url, schema, String(start + 2 * 60_000), 'crash']);
    await crashing.waitForLine('ready');
    crashing.send('go');
    expect(await crashing.waitForLine('claimed:')).toBe(
      `claimed:sla:${ids[0]}:acknowledge:breached`,
    );
    crashing.kill('SIGKILL');
    await crashing.exited;
    // Within the crashed claim's lease nobody delivers it; after the lease one process does.
    const early = spawnChild(child, [url, schema, String(start + 2 * 60_000 + 30_000), 'race']);
    await early.waitForLine('ready');
    early.send('go');
    expect(await events(early)).toEqual([]);
    const late = [1, 2].map(() =>
      spawnChild(child, [url, schema, String(start + 4 * 60_000), 'race']),
    );
    await Promise.all(late.map((started) => started.waitForLine('ready')));
    for (const started of late) started.send('go');
    expect((await Promise.all(late.map(events))).flat()).toEqual([
      `sla:${ids[0]}:acknowledge:breached`,
    ]);
  }, 120_000);
});
