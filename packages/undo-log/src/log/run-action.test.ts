import { describe, expect, it } from 'vitest';
import { createMemoryUndoLogStore } from '../store/memory-undo-log-store';
import {
  agent,
  approvalFor,
  createTestBank,
  createTestLog,
  hasCode,
} from '../test-support/test-log';

const options = { idempotencyKey: 'refund-T1', traceId: 'trace-1', actor: agent };

describe('UndoLog.run', () => {
  it('writes a pending intent with input and snapshot before do, then the result', async () => {
    const bank = createTestBank();
    const store = createMemoryUndoLogStore();
    const seen: unknown[] = [];
    const spy: typeof bank.credit = {
      ...bank.credit,
      do: async (input, context) => {
        seen.push(await store.get(context.actionId));
        return bank.credit.do(input, context);
      },
    };
    const { log } = createTestLog({ store, actions: [spy] }, bank);
    bank.balances.set('acme', 7);
    const result = await log.run(spy, { account: 'acme', amount: 5 }, options);
    expect(seen).toMatchObject([
      {
        status: 'pending',
        input: { account: 'acme', amount: 5 },
        snapshot: { before: 7 },
        leaseOwner: 'process-a',
      },
    ]);
    expect(result).toEqual({
      status: 'done',
      actionId: 'action-1',
      result: { balance: 12 },
      replayed: false,
    });
    expect(await log.getRecord('action-1')).toMatchObject({
      status: 'done',
      result: { balance: 12 },
      attempts: 1,
      leaseOwner: null,
      traceId: 'trace-1',
    });
  });

  it('replays a finished run instead of running it again', async () => {
    const { log, credit, calls } = createTestLog();
    await log.run(credit, { account: 'acme', amount: 5 }, options);
    const replay = await log.run('credit', { amount: 5, account: 'acme' }, options);
    expect(replay).toEqual({
      status: 'done',
      actionId: 'action-1',
      result: { balance: 5 },
      replayed: true,
    });
    expect(calls).toHaveLength(1);
  });

  it('refuses a reused key with another input or another action', async () => {
    const { log, credit, sendEmail } = createTestLog();
    await log.run(credit, { account: 'acme', amount: 5 }, options);
    await expect(log.run(credit, { account: 'acme', amount: 50 }, options)).rejects.toSatisfy(
      hasCode('idempotency_conflict'),
    );
    const approval = approvalFor(options.idempotencyKey);
    await expect(log.run(sendEmail, { to: 'a@b.co' }, { ...options, approval })).rejects.toSatisfy(
      hasCode('idempotency_conflict'),
    );
  });

  it('rejects with the abort reason and writes nothing when aborted before it starts', async () => {
    const { log, credit, store } = createTestLog();
    const controller = new AbortController();
    controller.abort(new Error('caller gave up'));
    await expect(
      log.run(credit, { account: 'a', amount: 1 }, { ...options, abortSignal: controller.signal }),
    ).rejects.toThrow('caller gave up');
    expect(await store.getByIdempotencyKey(options.idempotencyKey)).toBeUndefined();
  });

  it('refuses a key whose action is still pending in another process', async () => {
    const bank = createTestBank();
    let release = () => {};
    const blocked: typeof bank.credit = {
      ...bank.credit,
      do: () => new Promise((resolve) => (release = () => resolve({ balance: 1 }))),
    };
    const other = createTestLog({ actions: [blocked], ownerId: 'process-b' }, bank);
    const { log, credit } = createTestLog({ store: other.store });
    const running = other.log.run(blocked, { account: 'a', amount: 1 }, options);
    await expect.poll(() => other.store.getByIdempotencyKey(options.idempotencyKey)).toBeDefined();
    await expect(log.run(credit, { account: 'a', amount: 1 }, options)).rejects.toSatisfy(
      (error) =>
        hasCode('action_in_progress')(error) && (error as { isRetryable: boolean }).isRetryable,
    );
    release();
    await expect(running).resolves.toMatchObject({ status: 'done' });
  });
});
