import { describe, expect, it } from 'vitest';
import { agent, createTestLog, hasCode } from '../test-support/test-log';

const options = { idempotencyKey: 'refund-T1', traceId: 'trace-1', actor: agent };

describe('UndoLog.run with bad input', () => {
  it('rejects unknown actions, malformed input and malformed options with stable codes', async () => {
    const { log, credit } = createTestLog();
    await expect(log.run('wire_money', {}, options)).rejects.toSatisfy(hasCode('unknown_action'));
    const { log: other } = createTestLog({ actions: [] });
    await expect(other.run(credit, { account: 'a', amount: 1 }, options)).rejects.toSatisfy(
      hasCode('unknown_action'),
    );
    await expect(log.run(credit, { account: '', amount: -1 }, options)).rejects.toSatisfy(
      hasCode('invalid_input'),
    );
    await expect(
      log.run(credit, { account: 'a', amount: 1 }, { ...options, traceId: '' }),
    ).rejects.toSatisfy(hasCode('invalid_input'));
    await expect(
      log.run(credit, { account: 'a', amount: 1 }, {
        ...options,
        actor: { id: 'x', type: 'robot' },
      } as never),
    ).rejects.toSatisfy(hasCode('invalid_input'));
    await expect(
      log.run(credit, { account: 'a', amount: 1 }, undefined as never),
    ).rejects.toSatisfy(hasCode('invalid_input'));
  });

  it('requires an idempotency key unless configured otherwise', async () => {
    const { log, credit } = createTestLog();
    const { idempotencyKey: _, ...withoutKey } = options;
    await expect(log.run(credit, { account: 'a', amount: 1 }, withoutKey)).rejects.toSatisfy(
      hasCode('idempotency_key_required'),
    );
    const relaxed = createTestLog({ requireIdempotencyKey: false });
    await relaxed.log.run(relaxed.credit, { account: 'a', amount: 1 }, withoutKey);
    await relaxed.log.run(relaxed.credit, { account: 'a', amount: 1 }, withoutKey);
    expect(relaxed.calls).toHaveLength(2);
    expect((await relaxed.log.getRecord('action-2')).idempotencyKey).toMatch(/^auto:/);
  });
});
