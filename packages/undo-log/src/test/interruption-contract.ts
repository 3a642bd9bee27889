import { createManualClock, GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAction } from '../action/define-action';
import { createUndoLog } from '../log/create-undo-log';
import type { UndoLogStore } from '../store/undo-log-store';
import type { UndoLogStoreContractOptions } from './contract-options';

const actor = { id: 'agent-1', type: 'ai' as const };
const unique = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
const leaseMs = 1_000;
const start = 1_000;

/** Actions whose `do` can hang forever, as in a process killed inside it. */
function setup(store: UndoLogStore) {
  const effects: string[] = [];
  let hang = false;
  let entered: () => void = () => {};
  const doing = new Promise<void>((resolve) => {
    entered = resolve;
  });
  const perform = <T>(effect: string, value: T): Promise<T> => {
    effects.push(effect);
    entered();
    return hang ? new Promise<T>(() => {}) : Promise.resolve(value);
  };
  const pay = defineAction({
    name: 'pay',
    input: z.object({ cents: z.number() }),
    reversible: false,
    do: (input) => perform(`pay ${input.cents}`, { paid: input.cents }),
  });
  const credit = defineAction({
    name: 'credit',
    input: z.object({ account: z.string() }),
    reversible: true,
    do: (input) => perform(`credit ${input.account}`, { ok: true }),
    undo: (input) => void effects.push(`undo ${input.account}`),
  });
  const echo = defineAction({
    name: 'echo',
    input: z.object({ text: z.string() }),
    reversible: true,
    do: (input) => perform(`echo`, { text: `${input.text}\u0000` }),
    undo: () => void effects.push('undo echo'),
  });
  const actions = [pay, credit, echo];
  const log = (now: number, ownerId: string) =>
    createUndoLog({
      store,
      actions,
      clock: createManualClock(now),
      leaseMs,
      ownerId,
      retry: { minTimeoutMs: 0 },
    });
  return {
    pay,
    credit,
    echo,
    effects,
    /** The process that dies: its clock never moves, so its lease is never renewed. */
    crashing: () => {
      hang = true;
      return { log: log(start, 'crashing-process'), entered: doing };
    },
    /** A later process, long after the crashed one's lease expired. */
    later: () => {
      hang = false;
      return log(start + 100 * leaseMs, 'later-process');
    },
  };
}

const approval = (idempotencyKey: string) => ({
  approvedBy: 'lea',
  approvedAt: start,
  actionName: 'pay',
  idempotencyKey,
});

/** Runs interrupted inside `do`, and effects that happened but could not be recorded. */
export function describeInterruptions({ name, createStore }: UndoLogStoreContractOptions): void {
  describe(`UndoLog over ${name}: interrupted and unrecordable runs`, () => {
    it('never runs an interrupted irreversible action again under its key', async () => {
      const bank = setup(await createStore());
      const idempotencyKey = `pay-${unique()}`;
      const options = {
        idempotencyKey,
        traceId: `t-${unique()}`,
        actor,
        approval: approval(idempotencyKey),
      };
      const crashing = bank.crashing();
      void crashing.log.run(bank.pay, { cents: 500 }, options);
      await crashing.entered;

      const later = bank.later();
      expect((await later.recover()).records).toMatchObject([{ outcome: 'failed' }]);
      const retried = await later.run(bank.pay, { cents: 500 }, options).catch((error) => error);
      expect(GuardloopError.hasCode(retried, 'action_interrupted')).toBe(true);
      expect(retried).toMatchObject({
        isRetryable: false,
        idempotencyKey,
        record: { status: 'failed', error: { code: 'interrupted' }, input: { cents: 500 } },
      });
      await expect(later.run(bank.pay, { cents: 500 }, options)).rejects.toSatisfy((error) =>
        GuardloopError.hasCode(error, 'action_interrupted'),
      );
      expect(bank.effects).toEqual(['pay 500']);
    });

    it("never re-runs a reversible action that the 'fail' policy left for a person", async () => {
      const bank = setup(await createStore());
      const options = { idempotencyKey: `credit-${unique()}`, traceId: `t-${unique()}`, actor };
      const crashing = bank.crashing();
      void crashing.log.run(bank.credit, { account: 'acme' }, options);
      await crashing.entered;

      const later = bank.later();
      expect((await later.recover({ policy: 'fail' })).records).toMatchObject([
        { outcome: 'failed' },
      ]);
      await expect(later.run(bank.credit, { account: 'acme' }, options)).rejects.toSatisfy(
        (error) => GuardloopError.hasCode(error, 'action_interrupted'),
      );
      expect(bank.effects).toEqual(['credit acme']);
    });

    it('records an effect whose result cannot be stored as done, never to be undone', async () => {
      const store = await createStore();
      const bank = setup(store);
      const options = { idempotencyKey: `echo-${unique()}`, traceId: `t-${unique()}`, actor };
      const log = bank.later();
      const error = await log.run(bank.echo, { text: 'hi' }, options).catch((caught) => caught);
      expect(GuardloopError.hasCode(error, 'result_not_storable')).toBe(true);
      expect(error).toMatchObject({ effectHappened: true, isRetryable: false });
      const record = await store.getByIdempotencyKey(options.idempotencyKey);
      expect(record).toMatchObject({
        status: 'done',
        result: null,
        error: { code: 'result_not_storable' },
        leaseOwner: null,
      });
      const afterLease = createUndoLog({
        store,
        actions: [bank.echo],
        clock: createManualClock(start + 1_000 * leaseMs),
      });
      expect((await afterLease.recover()).records).toEqual([]);
      expect(await log.run(bank.echo, { text: 'hi' }, options)).toMatchObject({
        status: 'done',
        result: null,
        replayed: true,
      });
      expect(bank.effects).toEqual(['echo']);
    });

    it('keeps an interrupted record for a person: no other input, no undo, no re-run', async () => {
      const bank = setup(await createStore());
      const options = { idempotencyKey: `credit-${unique()}`, traceId: `t-${unique()}`, actor };
      const crashing = bank.crashing();
      void crashing.log.run(bank.credit, { account: 'acme' }, options);
      await crashing.entered;
      const later = bank.later();
      const [recovered] = (await later.recover({ policy: 'fail' })).records;
      // Another input under the key is a conflict, not a way round the interruption.
      await expect(later.run(bank.credit, { account: 'other' }, options)).rejects.toSatisfy(
        (error) => GuardloopError.hasCode(error, 'idempotency_conflict'),
      );
      await expect(
        later.undo(String(recovered?.actionId), { by: actor, reason: 'probe' }),
      ).rejects.toSatisfy((error) => GuardloopError.hasCode(error, 'invalid_action_state'));
      expect(
        (await later.undoTrace(options.traceId, { by: actor, reason: 'probe' })).undone,
      ).toEqual([]);
      expect(bank.effects).toEqual(['credit acme']);
    });

    it('never re-runs the interrupted step of a retried saga', async () => {
      const store = await createStore();
      const effects: string[] = [];
      let entered: () => void = () => {};
      const paying = new Promise<void>((resolve) => {
        entered = resolve;
      });
      let hang = true;
      const reserve = defineAction({
        name: 'reserve',
        input: z.object({ sku: z.string() }),
        reversible: true,
        do: (input) => void effects.push(`reserve ${input.sku}`),
        undo: (input) => void effects.push(`release ${input.sku}`),
      });
      const pay = defineAction({
        name: 'pay',
        input: z.object({ cents: z.number() }),
        reversible: false,
        do: (input) => {
          effects.push(`pay ${input.cents}`);
          entered();
          return hang ? new Promise<never>(() => {}) : undefined;
        },
      });
      const log = (now: number, ownerId: string) =>
        createUndoLog({
          store,
          actions: [reserve, pay],
          clock: createManualClock(now),
          leaseMs,
          ownerId,
        });
      const idempotencyKey = `saga-${unique()}`;
      const options = { idempotencyKey, traceId: `t-${unique()}`, actor };
      const steps = [
        { action: reserve, input: { sku: 'lamp' } },
        { action: pay, input: { cents: 700 }, approval: approval(`${idempotencyKey}:1`) },
      ];
      void log(start, 'crashing-process').runSaga(steps, options);
      await paying;

      hang = false;
      const later = log(start + 100 * leaseMs, 'later-process');
      expect((await later.recover()).records).toMatchObject([
        { actionName: 'pay', outcome: 'failed' },
      ]);
      const retried = await later.runSaga(steps, options).catch((error) => error);
      expect(GuardloopError.hasCode(retried, 'saga_failed')).toBe(true);
      expect(GuardloopError.hasCode(retried.cause, 'action_interrupted')).toBe(true);
      expect(effects.filter((effect) => effect.startsWith('pay'))).toEqual(['pay 700']);
    });

    it('refuses an input no store can keep before anything runs', async () => {
      const store = await createStore();
      const bank = setup(store);
      const log = bank.later();
      for (const account of ['nul \u0000', 'lone \uD800']) {
        const options = { idempotencyKey: `credit-${unique()}`, traceId: `t-${unique()}`, actor };
        await expect(log.run(bank.credit, { account }, options)).rejects.toSatisfy((error) =>
          GuardloopError.hasCode(error, 'invalid_input'),
        );
        expect(await store.getByIdempotencyKey(options.idempotencyKey)).toBeUndefined();
      }
      const badKey = { idempotencyKey: 'key \u0000', traceId: `t-${unique()}`, actor };
      await expect(log.run(bank.credit, { account: 'a' }, badKey)).rejects.toSatisfy((error) =>
        GuardloopError.hasCode(error, 'invalid_input'),
      );
      expect(bank.effects).toEqual([]);
    });
  });
}
