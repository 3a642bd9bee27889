import { hashActionInput } from '@guardloop/undo-log';
import { describe, expect, it } from 'vitest';
import { createMemoryInboxStore } from '../store/memory-inbox-store';
import { newTestItem } from '../test/new-test-item';
import { createInboxApprovalVerifier } from './create-inbox-approval-verifier';

const input = { accountId: 'a-1' };
const inputHash = hashActionInput(input);

async function approving() {
  const store = createMemoryInboxStore();
  const item = newTestItem({
    action: { name: 'delete_account', input, resource: null },
    inputHash,
    status: 'approving',
    decision: {
      kind: 'approve',
      reviewer: { id: 'sam', type: 'human', roles: ['tier-2'] },
      at: 5,
      input,
      inputHash,
    },
  });
  await store.insert(item);
  const key = `inbox:${item.id}`;
  const token = {
    approvedBy: 'sam',
    approvedAt: 5,
    actionName: 'delete_account',
    idempotencyKey: key,
    signature: inputHash,
  };
  const request = {
    actionName: 'delete_account',
    idempotencyKey: key,
    input,
    actorId: 'sam',
    now: 9,
  };
  return { store, item, token, request };
}

describe('createInboxApprovalVerifier', () => {
  it('accepts only the approval the inbox holds', async () => {
    const { store, token, request } = await approving();
    const verify = createInboxApprovalVerifier({ store });
    expect(await verify(token, request)).toBe(true);
    for (const [changedToken, changedRequest] of [
      [{ ...token, approvedBy: 'mallory' }, request],
      [{ ...token, signature: 'forged' }, request],
      [token, { ...request, input: { accountId: 'a-2' } }],
      [token, { ...request, actionName: 'refund' }],
      [
        { ...token, idempotencyKey: 'inbox:other' },
        { ...request, idempotencyKey: 'inbox:other' },
      ],
      [
        { ...token, idempotencyKey: 'client:1' },
        { ...request, idempotencyKey: 'client:1' },
      ],
      [token, { ...request, input: { cyclic: 1n } }],
    ] as const)
      expect(await verify(changedToken, changedRequest)).toBe(false);
  });

  it('rejects malformed options with invalid_input', () => {
    for (const options of [
      undefined,
      {},
      { store: {} },
      { store: createMemoryInboxStore(), verify: 1 },
    ])
      expect(() => createInboxApprovalVerifier(options as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
  });

  it('refuses once the item is no longer being approved, and runs an extra check', async () => {
    const { store, item, token, request } = await approving();
    const strict = createInboxApprovalVerifier({ store, verify: () => false });
    expect(await strict(token, request)).toBe(false);
    await store.update(item.id, { expectRevision: 0, set: { status: 'approved' } });
    expect(await createInboxApprovalVerifier({ store })(token, request)).toBe(false);
  });
});
