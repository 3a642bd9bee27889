import { createManualClock } from '@guardloop/core';
import { test } from 'vitest';
import { z } from 'zod';
import { defineAction } from './action/define-action';
import { createUndoLog } from './log/create-undo-log';
import type { UndoLogRecord } from './record/undo-log-record';
import { createMemoryUndoLogStore } from './store/memory-undo-log-store';
import type { UndoLogStore } from './store/undo-log-store';
import { newTestRecord } from './test/new-test-record';

// Crash recovery of 10,000 pending records on the memory store with the default limit (500 per
// round), against the old path (each claim read and sorted every record) emulated over the
// same store, in the same run. One shot each: seconds, not a distribution.
// Run: pnpm vitest bench --run packages/undo-log/src/recovery.bench.ts
const count = 10_000;
const now = 1_700_000_000_000;
const refund = defineAction({
  name: 'refund',
  input: z.object({ order: z.number() }),
  reversible: true,
  do: () => {},
  undo: () => {},
});

/** The claim as it was: read every record, filter, sort, take the limit. */
function withFullScanClaims(store: UndoLogStore, ids: string[]): UndoLogStore {
  return {
    ...store,
    updateMany: undefined as never,
    async claimExpired(claim) {
      const all = (await Promise.all(ids.map((id) => store.get(id)))) as UndoLogRecord[];
      const claimable = all
        .filter(
          (record) =>
            claim.statuses.includes(record.status) &&
            (record.leaseExpiresAt === null || record.leaseExpiresAt <= claim.now),
        )
        .sort((a, b) => a.sequence - b.sequence)
        .slice(0, claim.limit);
      const claimed = await Promise.all(
        claimable.map((record) =>
          store.update(record.id, {
            expect: { statuses: [record.status] },
            set: {
              leaseOwner: claim.owner,
              leaseExpiresAt: claim.leaseExpiresAt,
              updatedAt: claim.now,
            },
          }),
        ),
      );
      return claimed.filter((record) => record !== undefined);
    },
  };
}

async function secondsToRecover(wrap: (store: UndoLogStore, ids: string[]) => UndoLogStore) {
  const inner = createMemoryUndoLogStore();
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const record = newTestRecord({
      actionName: 'refund',
      input: { order: index },
      leaseOwner: 'crashed',
      leaseExpiresAt: now - 1,
    });
    ids.push(record.id);
    await inner.insert(record);
  }
  const log = createUndoLog({
    store: wrap(inner, ids),
    clock: createManualClock(now),
    actions: [refund],
  });
  const started = performance.now();
  let recovered = 0;
  for (;;) {
    const { records } = await log.recover();
    if (records.length === 0) break;
    recovered += records.length;
  }
  if (recovered !== count) throw new Error(`recovered ${recovered} of ${count}`);
  return (performance.now() - started) / 1_000;
}

test('recovery of 10,000 pending records on the memory store', async () => {
  const indexed = await secondsToRecover((store) => store);
  const fullScan = await secondsToRecover(withFullScanClaims);
  console.log(
    `memory recovery of ${count}: ${indexed.toFixed(2)} s indexed, ${fullScan.toFixed(2)} s with full-scan claims: ${(fullScan / indexed).toFixed(1)}x faster`,
  );
}, 600_000);
