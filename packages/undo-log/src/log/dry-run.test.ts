import { describe, expect, it } from 'vitest';
import { agent, createTestBank, createTestLog } from '../test-support/test-log';

const options = { idempotencyKey: 'plan-1', traceId: 'trace-1', actor: agent, dryRun: true };

// Choice: a dry run writes no record at all, so it cannot take an idempotency key or show
// up in a trace that someone later undoes.
describe('UndoLog.run with dryRun', () => {
  it('returns the default plan without side effects or records', async () => {
    const { log, credit, calls, store } = createTestLog();
    const result = await log.run(credit, { account: 'acme', amount: 5 }, options);
    expect(result).toEqual({
      status: 'dry_run',
      plan: { action: 'credit', input: { account: 'acme', amount: 5 }, reversible: true },
      replayed: false,
    });
    expect(calls).toEqual([]);
    expect(await store.getByIdempotencyKey('plan-1')).toBeUndefined();
    expect(
      await log.run(credit, { account: 'acme', amount: 5 }, { ...options, dryRun: false }),
    ).toMatchObject({
      status: 'done',
      replayed: false,
    });
  });

  it("uses the action's dryRun to describe the planned effect", async () => {
    const bank = createTestBank();
    const planned: typeof bank.credit = {
      ...bank.credit,
      dryRun: (input, context) => ({ wouldCredit: input.amount, by: context.actor.id }),
    };
    const { log } = createTestLog({ actions: [planned] }, bank);
    const result = await log.run(planned, { account: 'acme', amount: 5 }, options);
    expect(result).toMatchObject({ status: 'dry_run', plan: { wouldCredit: 5, by: 'agent-1' } });
  });

  it('plans irreversible actions without an approval or a key', async () => {
    const { log, sendEmail, sent } = createTestLog();
    const { idempotencyKey: _, ...withoutKey } = options;
    const result = await log.run(sendEmail, { to: 'customer@example.com' }, withoutKey);
    expect(result.status).toBe('dry_run');
    expect(sent).toEqual([]);
  });
});
