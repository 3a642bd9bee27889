import { createManualClock } from '@guardloop/core';
import { z } from 'zod';
import { createUndoLog, defineAction, createMemoryUndoLogStore } from '@guardloop/undo-log';
import { newTestRecord } from '@guardloop/undo-log/test';
const now = 1_700_000_000_000;
const refund = defineAction({ name: 'refund', input: z.object({ order: z.number() }), reversible: true, do: () => {}, undo: () => {} });
const store = createMemoryUndoLogStore();
for (let i = 0; i < 10000; i++) await store.insert(newTestRecord({ actionName: 'refund', input: { order: i }, leaseOwner: 'c', leaseExpiresAt: now - 1 }));
const log = createUndoLog({ store, clock: createManualClock(now), actions: [refund] });
const t = performance.now();
for (;;) { const { records } = await log.recover(); if (!records.length) break; }
console.log((performance.now() - t) / 1000);
