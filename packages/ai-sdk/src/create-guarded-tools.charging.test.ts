import { allow, deny, escalate, type Rail } from '@guardloop/core';
import { generateText, type ModelMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import {
  approve,
  chargingRail,
  executeTool,
  modelCalling,
  setup,
} from './test-support/guarded-setup';

const vip: Rail = { name: 'vip', kind: 'deterministic', evaluate: () => escalate('VIP') };
const refund = { orderId: 'A-1', tokens: 2000 };

async function approvedRefund(rails: Rail[], approved: boolean) {
  const { guarded } = setup(rails, { unsafeTrustClientApprovals: true });
  const model = modelCalling('issueRefund', refund);
  const options = { model, tools: guarded.tools, toolApproval: guarded.toolApproval };
  const first = await generateText({ ...options, prompt: 'refund A-1' });
  const request = first.content.find((part) => part.type === 'tool-approval-request');
  const messages: ModelMessage[] = [
    { role: 'user', content: 'refund A-1' },
    ...first.response.messages,
    approve((request as { approvalId: string }).approvalId, approved),
  ];
  const second = await generateText({ ...options, messages });
  return { first, second };
}

describe('economic rails charge once, when the call runs', () => {
  it('charges an approved escalated call once across the approval round trip', async () => {
    const budget = chargingRail();
    const { second } = await approvedRefund([vip, budget.rail], true);
    expect(second.text).toBe('Done.');
    expect(budget.total()).toBe(2000);
  });

  it('does not charge an escalated call that the human declined', async () => {
    const budget = chargingRail();
    await approvedRefund([vip, budget.rail], false);
    expect(budget.charges).toEqual([]);
  });

  it('does not charge an escalated call when the host forgot toolApproval', async () => {
    const budget = chargingRail();
    const { guarded } = setup([vip, budget.rail]);
    await generateText({
      model: modelCalling('issueRefund', refund),
      tools: guarded.tools,
      prompt: 'refund A-1',
    });
    expect(budget.charges).toEqual([]);
  });

  it('charges an allowed call once, and not a denied one', async () => {
    const budget = chargingRail();
    const { guarded } = setup([budget.rail]);
    await generateText({
      model: modelCalling('issueRefund', refund),
      tools: guarded.tools,
      toolApproval: guarded.toolApproval,
      prompt: 'refund A-1',
    });
    expect(budget.charges).toEqual([2000]);

    const denied = chargingRail();
    const rbac: Rail = { name: 'rbac', kind: 'deterministic', evaluate: () => deny('no key') };
    const other = setup([rbac, denied.rail]).guarded;
    await generateText({
      model: modelCalling('issueRefund', refund),
      tools: other.tools,
      toolApproval: other.toolApproval,
      prompt: 'refund A-1',
    });
    expect(denied.charges).toEqual([]);
  });

  it('does not charge a repeated tool call that the undo log replays or refuses', async () => {
    const budget = chargingRail();
    const { guarded, undoLog } = setup([budget.rail]);
    for (let attempt = 0; attempt < 2; attempt++) {
      await generateText({
        model: modelCalling('issueRefund', refund),
        tools: guarded.tools,
        toolApproval: guarded.toolApproval,
        prompt: 'refund A-1',
      });
    }
    expect(budget.charges).toEqual([2000]);
    expect(await undoLog.listTrace('conversation-1')).toHaveLength(1);
    // Another input under the same key does not run either: the undo log refuses it.
    await expect(
      executeTool(guarded, 'issueRefund', { ...refund, orderId: 'B-2' }, 'call-1'),
    ).rejects.toMatchObject({ code: 'idempotency_conflict' });
    expect(budget.charges).toEqual([2000]);
  });

  it('refuses a call whose budget runs out at run time, with the reason', async () => {
    const exhausted: Rail = {
      name: 'budget',
      kind: 'economic',
      evaluate: () => escalate('Cost budget exceeded'),
    };
    const { guarded, onDecision } = setup([exhausted]);
    await expect(executeTool(guarded, 'issueRefund', refund, 'c1')).rejects.toMatchObject({
      code: 'tool_call_escalated',
      reason: expect.stringMatching(/Cost budget exceeded/),
    });
    expect(onDecision).toHaveBeenLastCalledWith(
      expect.objectContaining({ decision: expect.objectContaining({ verdict: 'escalate' }) }),
    );
  });
});

describe('decisions cached between toolApproval and execute', () => {
  it('decides again when execute gets another input than toolApproval judged', async () => {
    const onlyAda: Rail = {
      name: 'ownership',
      kind: 'deterministic',
      evaluate: ({ action }) =>
        action?.resource === 'account:ada' ? allow('own account') : deny('not your account'),
    };
    const { guarded, reset } = setup([onlyAda]);
    const status = await guarded.toolApproval({
      toolCall: { toolName: 'resetPassword', toolCallId: 'c1', input: { user: 'ada' } },
    });
    expect(status).toBe('not-applicable');
    await expect(
      executeTool(guarded, 'resetPassword', { user: 'root' }, 'c1'),
    ).rejects.toMatchObject({ code: 'tool_call_denied' });
    expect(reset).not.toHaveBeenCalled();
  });

  it('reuses the decision for the same input, and keeps at most maxCachedDecisions', async () => {
    let evaluations = 0;
    const counting: Rail = {
      name: 'count',
      kind: 'deterministic',
      evaluate: () => {
        evaluations++;
        return allow('ok');
      },
    };
    const { guarded } = setup([counting], { maxCachedDecisions: 2 });
    for (const toolCallId of ['c1', 'c2', 'c3']) {
      await guarded.toolApproval({
        toolCall: { toolName: 'resetPassword', toolCallId, input: { user: 'ada' } },
      });
    }
    expect(evaluations).toBe(3);
    // c3 and c2 are cached; c1 was evicted and is judged again.
    await executeTool(guarded, 'resetPassword', { user: 'ada' }, 'c3');
    await executeTool(guarded, 'resetPassword', { user: 'ada' }, 'c2');
    expect(evaluations).toBe(3);
    await executeTool(guarded, 'resetPassword', { user: 'ada' }, 'c1');
    expect(evaluations).toBe(4);
  });

  it('keeps no decision for a denied call', async () => {
    let evaluations = 0;
    const rail: Rail = {
      name: 'rbac',
      kind: 'deterministic',
      evaluate: () => {
        evaluations++;
        return evaluations === 1 ? deny('no') : allow('yes');
      },
    };
    const { guarded, reset } = setup([rail]);
    const toolCall = { toolName: 'resetPassword', toolCallId: 'c1', input: { user: 'ada' } };
    expect(await guarded.toolApproval({ toolCall })).toMatchObject({ type: 'denied' });
    await executeTool(guarded, 'resetPassword', toolCall.input, 'c1');
    expect(evaluations).toBe(2);
    expect(reset).toHaveBeenCalledOnce();
  });
});

describe('cost() is validated before anything is charged', () => {
  it.each([
    ['negative', -500],
    ['NaN', Number.NaN],
    ['infinite', Number.POSITIVE_INFINITY],
    ['a string', '5' as unknown as number],
  ])('refuses a %s cost with invalid_input and charges nothing', async (_, tokens) => {
    const budget = chargingRail();
    const { guarded } = setup([budget.rail]);
    // The model cannot send NaN in JSON: call the tool as the SDK would with a parsed input.
    await expect(
      executeTool(guarded, 'issueRefund', { orderId: 'A-1', tokens }, 'c1'),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    expect(budget.charges).toEqual([]);
  });

  it('surfaces a negative cost from the model as a tool error', async () => {
    const budget = chargingRail();
    const { guarded, undoLog } = setup([budget.rail]);
    const errors: unknown[] = [];
    await generateText({
      model: modelCalling('issueRefund', { orderId: 'A-1', tokens: -2000 }),
      tools: guarded.tools,
      toolApproval: guarded.toolApproval,
      prompt: 'refund',
      onToolExecutionEnd: (event) => {
        if (event.toolOutput.type === 'tool-error') errors.push(event.toolOutput.error);
      },
    });
    expect(errors).toEqual([expect.objectContaining({ code: 'invalid_input' })]);
    expect(budget.charges).toEqual([]);
    expect(await undoLog.listTrace('conversation-1')).toEqual([]);
  });
});
