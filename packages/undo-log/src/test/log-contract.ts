import { createManualClock, GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAction } from '../action/define-action';
import { createUndoLog } from '../log/create-undo-log';
import type { UndoLogStore } from '../store/undo-log-store';
import type { UndoLogStoreContractOptions } from './contract-options';

const actor = { id: 'agent-1', type: 'ai' as const };
const unique = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

function setup(store: UndoLogStore, start = 1_000) {
  const balances = new Map<string, number>();
  let runs = 0;
  const credit = defineAction({
    name: 'credit',
    input: z.object({ account: z.string(), amount: z.number() }),
    reversible: true,
    snapshot: (input) => balances.get(input.account) ?? 0,
    do: async (input) => {
      runs += 1;
      balances.set(input.account, (balances.get(input.account) ?? 0) + input.amount);
      return { balance: balances.get(input.account) };
    },
    undo: (input, { snapshot }) => void balances.set(input.account, snapshot),
    isComplete: () => false,
  });
  const clock = createManualClock(start);
  const log = createUndoLog({
    store,
    clock,
    actions: [credit],
    leaseMs: 1_000,
    retry: { minTimeoutMs: 0 },
  });
  return { log, credit, balances, clock, runs: () => runs };
}

/** The undo log's guarantees, end to end through the store under test. */
export function describeLogOverStore({ name, createStore }: UndoLogStoreContractOptions): void {
  describe(`UndoLog over ${name}`, () => {
    it('runs once per idempotency key and replays the stored result', async () => {
      const { log, credit, runs } = setup(await createStore());
      const options = { idempotencyKey: `k-${unique()}`, traceId: `t-${unique()}`, actor };
      const first = await log.run(credit, { account: 'a', amount: 5 }, options);
      const second = await log.run(credit, { account: 'a', amount: 5 }, options);
      expect(first).toMatchObject({ status: 'done', result: { balance: 5 }, replayed: false });
      expect(second).toMatchObject({ status: 'done', result: { balance: 5 }, replayed: true });
      expect(runs()).toBe(1);
      await expect(log.run(credit, { account: 'a', amount: 6 }, options)).rejects.toSatisfy(
        (error) => GuardloopError.hasCode(error, 'idempotency_conflict'),
      );
    });

    it('runs do once when several runs race on one key', async () => {
      const { log, credit, runs } = setup(await createStore());
      const options = { idempotencyKey: `k-${unique()}`, traceId: `t-${unique()}`, actor };
      const settled = await Promise.allSettled(
        Array.from({ length: 4 }, () => log.run(credit, { account: 'race', amount: 1 }, options)),
      );
      expect(runs()).toBe(1);
      for (const outcome of settled) {
        if (outcome.status === 'rejected')
          expect(GuardloopError.hasCode(outcome.reason, 'action_in_progress')).toBe(true);
      }
    });

    it('undoes a trace newest first and records who and why', async () => {
      const { log, credit, balances } = setup(await createStore());
      const traceId = `t-${unique()}`;
      const first = await log.run(
        credit,
        { account: 'b', amount: 10 },
        { idempotencyKey: `k1-${traceId}`, traceId, actor },
      );
      await log.run(
        credit,
        { account: 'b', amount: 5 },
        { idempotencyKey: `k2-${traceId}`, traceId, actor },
      );
      const by = { id: 'supervisor', type: 'human' as const };
      const result = await log.undoTrace(traceId, { by, reason: 'customer complaint' });
      expect(balances.get('b')).toBe(0);
      expect(result.undone.map((undo) => undo.alreadyUndone)).toEqual([false, false]);
      const record = await log.getRecord(first.status === 'done' ? first.actionId : '');
      expect(record).toMatchObject({
        status: 'undone',
        undo: { by: { id: 'supervisor' }, reason: 'customer complaint' },
      });
    });

    it('recovers a pending record whose lease expired by undoing it', async () => {
      const store = await createStore();
      const crashed = setup(store);
      const traceId = `t-${unique()}`;
      // Simulate a crash: the intent is written but the process never reports.
      await store.insert({
        id: `crashed-${unique()}`,
        actionName: 'credit',
        idempotencyKey: `k-${traceId}`,
        inputHash: 'h',
        input: { account: 'c', amount: 3 },
        snapshot: 0,
        result: null,
        error: null,
        status: 'pending',
        reversible: true,
        traceId,
        actor: { ...actor, roles: [] },
        approval: null,
        undo: null,
        attempts: 1,
        leaseOwner: 'dead-process',
        leaseExpiresAt: 1_500,
        createdAt: 1_000,
        updatedAt: 1_000,
      });
      crashed.balances.set('c', 3);
      crashed.clock.advance(1_000);
      const { records } = await crashed.log.recover();
      expect(records).toMatchObject([{ from: 'pending', outcome: 'undone', actionName: 'credit' }]);
      expect(crashed.balances.get('c')).toBe(0);
      expect((await crashed.log.listTrace(traceId))[0]).toMatchObject({
        status: 'undone',
        leaseOwner: null,
      });
      expect((await crashed.log.recover()).records).toEqual([]);
    });
  });
}
