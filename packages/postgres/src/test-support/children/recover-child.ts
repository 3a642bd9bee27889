// One of several processes running crash recovery at the same moment on one database.
// Waits for "go" on stdin, then prints `recovered:<json action ids>`.
// Arguments: <postgres:// URL> <schema>.
import { createUndoLog, defineAction } from '@guardloop/undo-log';
import { z } from 'zod';
import { openStore } from '../open-store';

const [url = '', schema = 'public'] = process.argv.slice(2);
const { client, store, close } = await openStore(url, schema);
const note = defineAction({
  name: 'note',
  input: z.object({ n: z.number() }),
  reversible: true,
  do: () => {},
  // The undo's effect is a row per undo, so the test can count how often each record was undone.
  undo: async (_input, context) => {
    await client.query(`INSERT INTO "${schema}".undo_effects (action_id, pid) VALUES ($1, $2)`, [
      context.actionId,
      process.pid,
    ]);
  },
});
const log = createUndoLog({ store, actions: [note], leaseMs: 600_000 });
console.log('ready');
await new Promise((resolve) => process.stdin.once('data', resolve));
const { records } = await log.recover({ policy: 'undo', limit: 1_000 });
console.log(
  `recovered:${JSON.stringify(records.map((record) => [record.actionId, record.outcome]))}`,
);
await close();
process.exit(0);
