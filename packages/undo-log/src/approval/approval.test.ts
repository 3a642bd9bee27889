import { describe, expect, it } from 'vitest';
import { agent, approvalFor, createTestLog, hasCode, testNow } from '../test-support/test-log';
import { createApprovalVerifier } from './create-approval-verifier';

const key = 'email-T1';
const options = { idempotencyKey: key, traceId: 'trace-1', actor: agent };
const input = { to: 'customer@example.com' };

describe('irreversible actions and approvals', () => {
  it('never runs without an approval token', async () => {
    const { log, sendEmail, sent, store } = createTestLog();
    await expect(log.run(sendEmail, input, options)).rejects.toSatisfy(
      hasCode('approval_required'),
    );
    expect(sent).toEqual([]);
    expect(await store.getByIdempotencyKey(key)).toBeUndefined();
  });

  it('runs with a valid token and keeps it in the record', async () => {
    const { log, sendEmail, sent } = createTestLog();
    const result = await log.run(sendEmail, input, { ...options, approval: approvalFor(key) });
    expect(result).toMatchObject({ status: 'done', result: { messageId: 'm-1' } });
    expect(sent).toEqual(['customer@example.com']);
    expect(await log.getRecord('action-1')).toMatchObject({
      reversible: false,
      approval: { approvedBy: 'lea' },
    });
  });

  it.each([
    ['another action', { ...approvalFor(key), actionName: 'credit' }],
    ['another key', approvalFor('email-T2')],
    ['a future time', approvalFor(key, testNow + 1)],
    ['an expired token', approvalFor(key, testNow - 25 * 3_600_000)],
  ])('rejects a token bound to %s', async (_, approval) => {
    const { log, sendEmail, sent } = createTestLog();
    await expect(log.run(sendEmail, input, { ...options, approval })).rejects.toSatisfy(
      hasCode('approval_rejected'),
    );
    expect(sent).toEqual([]);
  });

  it('rejects malformed tokens as invalid input', async () => {
    const { log, sendEmail } = createTestLog();
    const approval = { approvedBy: '', approvedAt: -1 } as never;
    await expect(log.run(sendEmail, input, { ...options, approval })).rejects.toSatisfy(
      hasCode('invalid_input'),
    );
  });

  it('uses an injected verifier, and a verifier that throws refuses', async () => {
    const signed = createApprovalVerifier({ verify: (token) => token.signature === 'valid' });
    const { log, sendEmail } = createTestLog({ verifyApproval: signed });
    const approval = approvalFor(key);
    await expect(log.run(sendEmail, input, { ...options, approval })).rejects.toSatisfy(
      hasCode('approval_rejected'),
    );
    await expect(
      log.run(sendEmail, input, { ...options, approval: { ...approval, signature: 'valid' } }),
    ).resolves.toMatchObject({ status: 'done' });
    const throwing = createTestLog({
      verifyApproval: () => {
        throw new Error('approval service down');
      },
    });
    await expect(
      throwing.log.run(throwing.sendEmail, input, { ...options, approval }),
    ).rejects.toSatisfy(
      (error) => hasCode('approval_rejected')(error) && (error as Error).cause instanceof Error,
    );
  });

  it('always needs an idempotency key, which the token is bound to', async () => {
    const { log, sendEmail } = createTestLog({ requireIdempotencyKey: false });
    const { idempotencyKey: _, ...withoutKey } = options;
    await expect(
      log.run(sendEmail, input, { ...withoutKey, approval: approvalFor(key) }),
    ).rejects.toSatisfy(hasCode('idempotency_key_required'));
  });

  it('cannot be undone', async () => {
    const { log, sendEmail } = createTestLog();
    await log.run(sendEmail, input, { ...options, approval: approvalFor(key) });
    await expect(log.undo('action-1', { by: agent, reason: 'oops' })).rejects.toSatisfy(
      hasCode('irreversible_action'),
    );
  });
});
