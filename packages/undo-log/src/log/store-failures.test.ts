import { StoreUnavailableError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createMemoryUndoLogStore } from '../store/memory-undo-log-store';
import type { UndoLogStore } from '../store/undo-log-store';
import { agent, createTestLog, hasCode } from '../test-support/test-log';

const options = { idempotencyKey: 'refund-T1', traceId: 'trace-1', actor: agent };
const input = { account: 'acme', amount: 5 };
const driverError = () => Object.assign(new Error('Connection terminated'), { code: '57P01' });

type Method = keyof UndoLogStore;

/** A memory store whose methods fail on demand, as a database behind a flaky network would. */
function createFailingStore() {
  const inner = createMemoryUndoLogStore();
  const failures: { method: Method; when?: (args: unknown[]) => boolean; error: unknown }[] = [];
  const store = Object.fromEntries(
    (Object.keys(inner) as Method[]).map((method) => [
      method,
      async (...args: unknown[]) => {
        // The log writes one outcome through `updateMany` when a store has it: fail it like `update`.
        const [updates] = args as [{ id: string }[]];
        const asUpdate =
          method === 'updateMany' && updates.length === 1 ? [updates[0]?.id, updates[0]] : args;
        const as = asUpdate === args ? method : 'update';
        const index = failures.findIndex(
          (failure) => failure.method === as && (failure.when?.(asUpdate) ?? true),
        );
        if (index >= 0) {
          const [failure] = failures.splice(index, 1);
          throw failure?.error;
        }
        return (inner[method] as (...values: unknown[]) => Promise<unknown>)(...args);
      },
    ]),
  ) as unknown as UndoLogStore;
  const failNext = (method: Method, error: unknown, when?: (args: unknown[]) => boolean) =>
    failures.push({ method, error, ...(when ? { when } : {}) });
  return { store, inner, failNext };
}

const recordingDone = (args: unknown[]) =>
  (args[1] as { set: { status?: string } }).set.status === 'done';
const recordingFailed = (args: unknown[]) =>
  (args[1] as { set: { status?: string } }).set.status === 'failed';

describe('UndoLog.run when the store fails', () => {
  it.each([
    ['the key lookup', 'getByIdempotencyKey' as const],
    ['writing the intent', 'insert' as const],
  ])('reports a failure of %s as store_unavailable before anything ran', async (_, method) => {
    const { store, failNext } = createFailingStore();
    const { log, credit, calls } = createTestLog({ store });
    const cause = driverError();
    failNext(method, cause);
    const error = await log.run(credit, input, options).catch((caught: unknown) => caught);
    expect(StoreUnavailableError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ effectMayHaveHappened: false, isRetryable: true, cause });
    expect(calls).toEqual([]);
  });

  it('passes a store_unavailable error from the store through unchanged before do', async () => {
    const { store, failNext } = createFailingStore();
    const { log, credit } = createTestLog({ store });
    const original = new StoreUnavailableError({ operation: 'query', cause: driverError() });
    failNext('insert', original);
    await expect(log.run(credit, input, options)).rejects.toBe(original);
  });

  it('says the effect may have happened when recording done fails after do ran', async () => {
    const { store, inner, failNext } = createFailingStore();
    const { log, credit, calls, balances } = createTestLog({ store });
    const cause = driverError();
    failNext('update', cause, recordingDone);
    const error = await log.run(credit, input, options).catch((caught: unknown) => caught);
    expect(StoreUnavailableError.isInstance(error)).toBe(true);
    expect(hasCode('action_failed')(error)).toBe(false);
    expect(error).toMatchObject({ effectMayHaveHappened: true, cause });
    expect(calls).toEqual(['do credit acme 5 #1']);
    expect(balances.get('acme')).toBe(5);
    // Never recorded as failed: a retry must not run do again, and recovery must not read it
    // as "did not happen".
    expect((await inner.getByIdempotencyKey(options.idempotencyKey))?.status).toBe('pending');
    await expect(log.run(credit, input, options)).rejects.toSatisfy(hasCode('action_in_progress'));
    expect(calls).toHaveLength(1);
  });

  it('wraps even a typed store error after do ran, keeping it as the cause', async () => {
    const { store, failNext } = createFailingStore();
    const { log, credit } = createTestLog({ store });
    const original = new StoreUnavailableError({ operation: 'query', cause: driverError() });
    failNext('update', original, recordingDone);
    failNext('update', original, recordingDone);
    failNext('update', original, recordingDone);
    const error = await log.run(credit, input, { ...options }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ effectMayHaveHappened: true, cause: original });
  });

  it('retries recording done while the store reports a transient failure', async () => {
    const { store, inner, failNext } = createFailingStore();
    const { log, credit, calls } = createTestLog({ store });
    failNext('update', new StoreUnavailableError({ operation: 'query' }), recordingDone);
    expect(await log.run(credit, input, options)).toMatchObject({ status: 'done' });
    expect(calls).toHaveLength(1);
    expect((await inner.getByIdempotencyKey(options.idempotencyKey))?.status).toBe('done');
  });

  it('says the effect may have happened when recording a failure fails', async () => {
    const { store, failNext } = createFailingStore();
    const { log, credit, frozen } = createTestLog({ store });
    frozen.add('acme');
    failNext('update', driverError(), recordingFailed);
    const error = await log.run(credit, input, options).catch((caught: unknown) => caught);
    expect(StoreUnavailableError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ effectMayHaveHappened: true });
  });

  it('reports a failing claim of the failed record as store_unavailable before do', async () => {
    const { store, failNext } = createFailingStore();
    const { log, credit, calls, frozen } = createTestLog({ store, retry: { retries: 0 } });
    frozen.add('acme');
    await expect(log.run(credit, input, options)).rejects.toSatisfy(hasCode('action_failed'));
    frozen.delete('acme');
    failNext('update', driverError());
    await expect(log.run(credit, input, options)).rejects.toMatchObject({
      code: 'store_unavailable',
      effectMayHaveHappened: false,
    });
    expect(calls).toHaveLength(1);
  });

  it('reports a failing claim during recovery as store_unavailable', async () => {
    const { store, failNext } = createFailingStore();
    const { log } = createTestLog({ store });
    failNext('claimExpired', driverError());
    await expect(log.recover()).rejects.toMatchObject({
      code: 'store_unavailable',
      effectMayHaveHappened: false,
    });
  });
});
