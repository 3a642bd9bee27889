// One of several processes racing to run the same action under one idempotency key.
// Waits for "go" on stdin, then prints `outcome:<json>`.
// Arguments: <postgres:// URL> <schema> <idempotency key>.
import { GuardloopError } from '@guardloop/core';
import { createUndoLog, defineAction } from '@guardloop/undo-log';
import { z } from 'zod';
import { openStore } from '../open-store';

const [url = '', schema = 'public', key = ''] = process.argv.slice(2);
const { client, store, close } = await openStore(url, schema);
const bump = defineAction({
  name: 'bump_counter',
  input: z.object({ counter: z.string() }),
  reversible: true,
  do: async (input) => {
    await client.query(`UPDATE "${schema}".race_counter SET runs = runs + 1 WHERE name = $1`, [
      input.counter,
    ]);
    return { by: process.pid };
  },
  undo: () => {},
});
const log = createUndoLog({ store, actions: [bump], retry: { retries: 0 } });
console.log('ready');
await new Promise((resolve) => process.stdin.once('data', resolve));
try {
  const result = await log.run(
    bump,
    { counter: 'shared' },
    {
      idempotencyKey: key,
      traceId: `race-${process.pid}`,
      actor: { id: `worker-${process.pid}`, type: 'system' },
    },
  );
  console.log(`outcome:${JSON.stringify({ status: result.status, replayed: result.replayed })}`);
} catch (error) {
  console.log(
    `outcome:${JSON.stringify({ error: GuardloopError.isInstance(error) ? error.code : String(error) })}`,
  );
}
await close();
process.exit(0);
