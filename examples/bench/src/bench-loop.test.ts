import { evaluateRails } from '@guardloop/core';
import { createBrandSafetyCheck, detectPii } from '@guardloop/semantic';
import { createMemoryUndoLogStore } from '@guardloop/undo-log';
import { afterAll, describe, expect, test } from 'vitest';
import { trainBenchClassifier } from './bench-classifier';
import { benchTicket, createBenchLoop } from './bench-loop';
import { createBenchRails } from './bench-rails';
import { createHandWrittenLoop } from './hand-written-loop';
import { openPgliteStore } from './open-pglite-store';

// The benchmark is only meaningful if every signal it times goes the whole way to an action.
const { classifier, tickets } = trainBenchClassifier();
const rails = await createBenchRails({ classifier });
const pglite = await openPgliteStore();
afterAll(() => pglite.close());

describe.each([
  { store: 'memory', undoLogStore: createMemoryUndoLogStore() },
  { store: 'PGlite', undoLogStore: pglite.store },
])('the benchmarked loop on the $store store', ({ undoLogStore }) => {
  test('acts on every ticket, with every one of the nine rails allowing', async () => {
    const loop = createBenchLoop({ store: undoLogStore, rails, classifier, tickets });
    for (let index = 0; index < tickets.length; index++) {
      const result = await loop.handleNext();
      expect(result.status).toBe('acted');
      expect(result.intent?.label).toBe('password_reset');
      expect(result.decision?.rails.map((rail) => rail.verdict)).toEqual(rails.map(() => 'allow'));
      const [record] = await loop.undoLog.listTrace(result.traceId);
      expect(record).toMatchObject({ actionName: 'send_reset_link', status: 'done' });
    }
  });

  test('acts without rails too (the baseline), on a decision no rail took', async () => {
    const loop = createBenchLoop({ store: undoLogStore, rails: [], classifier, tickets });
    const result = await loop.handleNext();
    expect(result.status).toBe('acted');
    expect(result.decision?.rails).toEqual([]);
  });

  test('the hand-written composition of the same steps acts too', async () => {
    const byHand = createHandWrittenLoop({ store: undoLogStore, classifier, tickets });
    expect(await byHand.handleNext()).toMatchObject({ status: 'done' });
  });
});

test('the rails deny what they should, so the benchmark does not time rubber stamps', async () => {
  const actor = { id: 'helpdesk-ai', type: 'ai' as const, roles: ['helpdesk-ai'], tenant: 'acme' };
  const action = { name: 'delete_account', input: {}, reversible: false, dryRun: false };
  const decision = await evaluateRails(rails, { traceId: 't', actor, action });
  expect(decision.verdict).toBe('deny');
});

test('no customer id of a long run reads as profanity (obscenity reads 455 as ass)', () => {
  const check = createBrandSafetyCheck();
  for (let count = 1; count <= 20_000; count++) {
    const { customerId } = benchTicket(tickets, count).payload;
    if (check(customerId).length > 0) throw new Error(`${customerId} reads as profanity`);
  }
});

test('no customer id of a long run reads as personal data, so every signal costs the same', () => {
  for (let count = 1; count <= 20_000; count++) {
    const { customerId } = benchTicket(tickets, count).payload;
    const found = detectPii(customerId);
    if (found.length > 0) throw new Error(`${customerId} reads as ${found[0]?.kind}`);
  }
});
