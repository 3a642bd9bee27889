// One of several processes racing to claim or approve the same inbox item.
// Waits for "go" on stdin, then prints `outcome:<json>`.
// Arguments: <postgres:// URL> <schema> <item id> <reviewer id> <claim | approve | approve-then-hang>.
// `approve-then-hang` prints `ran` once the action is done in the undo log and then never records
// the result on the item, for the parent to SIGKILL it there.
import { GuardloopError } from '@guardloop/core';
import { createInbox } from '@guardloop/inbox';
import { createUndoLog, defineAction } from '@guardloop/undo-log';
import { z } from 'zod';
import { openStore } from '../../test-support/open-store';
import { createPostgresInboxStore } from '../postgres-inbox-store';

const [url = '', schema = 'public', itemId = '', reviewerId = '', mode = 'claim'] =
  process.argv.slice(2);
const { client, store: undoLogStore, close } = await openStore(url, schema);
const refund = defineAction({
  name: 'refund',
  input: z.object({ orderId: z.string(), amount: z.number() }),
  reversible: true,
  do: async (input) => {
    await client.query(`UPDATE "${schema}".inbox_effects SET runs = runs + 1 WHERE name = $1`, [
      input.orderId,
    ]);
    return { by: process.pid };
  },
  undo: () => {},
});
const undoLog = createUndoLog({ store: undoLogStore, actions: [refund], retry: { retries: 0 } });
const inboxStore = createPostgresInboxStore({ client, schema });
const inbox = createInbox({
  store:
    mode === 'approve-then-hang'
      ? {
          ...inboxStore,
          // The write that would leave `approving`: announce it and hang until killed.
          update: async (id, update, options) => {
            if (update.set.status !== 'approved') return inboxStore.update(id, update, options);
            console.log('ran');
            return new Promise<never>(() => {});
          },
        }
      : inboxStore,
  undoLog,
  actions: [refund],
});
const reviewer = { id: reviewerId, type: 'human' as const };
console.log('ready');
await new Promise((resolve) => process.stdin.once('data', resolve));
try {
  const item =
    mode !== 'claim'
      ? await inbox.approve(itemId, { reviewer })
      : await inbox.claim(itemId, { reviewer, leaseMs: 60_000 });
  console.log(`outcome:${JSON.stringify({ status: item.status, assignee: item.assignee })}`);
} catch (error) {
  console.log(
    `outcome:${JSON.stringify({ error: GuardloopError.isInstance(error) ? error.code : String(error) })}`,
  );
}
await close();
process.exit(0);
