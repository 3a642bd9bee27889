import { test } from 'vitest';
import { z } from 'zod';
import { defineAction } from './action/define-action';
import { createUndoLog } from './log/create-undo-log';
import { createMemoryUndoLogStore } from './store/memory-undo-log-store';
import { newTestRecord } from './test/new-test-record';

// Actions per second through the undo log (validate, look up the key, write the intent, run,
// write the result) against a bare insert into the same store, measured in the same run.
// Run: pnpm vitest bench --run packages/undo-log/src/undo-log.bench.ts
const noop = defineAction({
  name: 'noop',
  input: z.object({ n: z.number() }),
  reversible: true,
  do: (input) => ({ n: input.n }),
  undo: () => {},
});
const actor = { id: 'bench', type: 'system' as const };

test('undo log throughput on the memory store', async ({ bench }) => {
  const store = createMemoryUndoLogStore();
  const log = createUndoLog({ store, actions: [noop] });
  let count = 0;
  const results = await bench.compare(
    bench('bare store.insert', async () => {
      await store.insert(newTestRecord());
    }),
    bench('undoLog.run', async () => {
      count += 1;
      await log.run(noop, { n: count }, { idempotencyKey: `k-${count}`, traceId: 'bench', actor });
    }),
    { time: 2_000, warmupTime: 300 },
  );
  const insert = results.get('bare store.insert').throughput.mean;
  const run = results.get('undoLog.run').throughput.mean;
  console.log(
    `memory: ${run.toFixed(0)} actions/s through the log, ${insert.toFixed(0)} bare inserts/s: ratio ${(run / insert).toFixed(3)}`,
  );
});
