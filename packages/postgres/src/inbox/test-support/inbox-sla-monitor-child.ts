// One of several processes running an SLA monitor over the same inbox.
// Waits for "go" on stdin, runs one round, prints `events:<json ids>`.
// Arguments: <postgres:// URL> <schema> <now, epoch ms> <race | crash>.
// In `crash` mode onEvent prints `claimed:<id>` and never returns: the parent kills the process
// between claim and completion.
import { createManualClock } from '@guardloop/core';
import { createInbox } from '@guardloop/inbox';
import { openStore } from '../../test-support/open-store';
import { createPostgresInboxStore } from '../postgres-inbox-store';

const [url = '', schema = 'public', now = '0', mode = 'race'] = process.argv.slice(2);
const { client, close } = await openStore(url, schema);
const inbox = createInbox({
  store: createPostgresInboxStore({ client, schema }),
  clock: createManualClock(Number(now)),
  sla: { urgent: { acknowledgeWithinMs: 60_000, onBreach: { moveToQueue: 'tier-2' } } },
});
const events: string[] = [];
const monitor = inbox.startSlaMonitor({
  intervalMs: 60_000,
  claimLeaseMs: 60_000,
  onEvent: async (event) => {
    if (mode === 'crash') {
      console.log(`claimed:${event.id}`);
      await new Promise(() => {});
    }
    events.push(event.id);
  },
  onError: (error) => console.log(`error:${String(error)}`),
});
console.log('ready');
await new Promise((resolve) => process.stdin.once('data', resolve));
await monitor.runRound();
console.log(`events:${JSON.stringify(events)}`);
await monitor.stop();
await close();
process.exit(0);
