import { describe, expect, it } from 'vitest';
import { runConversation } from './main';

describe('ai-agent example', () => {
  it('runs the allowed tool, refuses the denied one and waits for a human on the escalated one', async () => {
    const { turn1, answer, office, actions } = await runConversation();
    expect(turn1).toContainEqual(
      expect.objectContaining({ type: 'tool-result', toolName: 'lookUpOrder' }),
    );
    expect(turn1).toContainEqual(
      expect.objectContaining({
        type: 'tool-approval-request',
        reason: expect.stringMatching(/Refunds over 50 EUR need a human/),
      }),
    );
    expect(turn1).toContainEqual(
      expect.objectContaining({
        type: 'tool-approval-response',
        approved: false,
        reason: expect.stringMatching(/may not close accounts/),
      }),
    );
    // The approved refund ran in turn 2; the account was never closed.
    expect(office.refunds.get('A-1')).toBe(120);
    expect(office.closed.size).toBe(0);
    expect(actions.map((record) => [record.actionName, record.status])).toEqual([
      ['look_up_order', 'done'],
      ['refund_order', 'done'],
    ]);
    expect(answer).toBe('Ran lookUpOrder, refundOrder; refused closeAccount.');
  });

  it('never refunds when the reviewer says no', async () => {
    const { office, actions } = await runConversation({ reviewerApproves: false });
    expect(office.refunds.size).toBe(0);
    expect(actions.map((record) => record.actionName)).toEqual(['look_up_order']);
  });

  it('undoes everything the conversation did', async () => {
    const { office, undoAll } = await runConversation();
    await undoAll({ by: { id: 'agent-7', type: 'human' }, reason: 'wrong order' });
    expect(office.refunds.size).toBe(0);
  });
});
