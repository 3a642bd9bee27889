import { deny, escalate } from '@guardloop/core';
import { generateText, type ModelMessage } from 'ai';
import { describe, expect, it, vi } from 'vitest';
import { createGuardedTools } from './create-guarded-tools';
import type { ApprovalCheck } from './guarded-tools-options';
import { approve, modelCalling, setup } from './test-support/guarded-setup';

describe('createGuardedTools', () => {
  it('runs an allowed call through the undo log, keyed by the tool call id', async () => {
    const { guarded, undoLog, reset, onDecision } = setup();
    const result = await generateText({
      model: modelCalling('resetPassword', { user: 'ada' }),
      tools: guarded.tools,
      toolApproval: guarded.toolApproval,
      prompt: 'I forgot my password',
      stopWhen: () => false,
    });
    expect(result.text).toBe('Done.');
    expect(reset).toHaveBeenCalledOnce();
    const [record] = await undoLog.listTrace('conversation-1');
    expect(record).toMatchObject({
      actionName: 'reset_password',
      status: 'done',
      idempotencyKey: 'conversation-1:call-1',
    });
    expect(onDecision).toHaveBeenCalledWith(
      expect.objectContaining({
        toolName: 'resetPassword',
        action: expect.objectContaining({ resource: 'account:ada' }),
      }),
    );
  });

  it('refuses a denied call without running the action', async () => {
    const { guarded, reset } = setup([
      {
        name: 'rbac',
        kind: 'deterministic',
        evaluate: () => deny('The AI holds no key to this door.'),
      },
    ]);
    const result = await generateText({
      model: modelCalling('resetPassword', { user: 'ada' }),
      tools: guarded.tools,
      toolApproval: guarded.toolApproval,
      prompt: 'reset it',
    });
    expect(reset).not.toHaveBeenCalled();
    expect(JSON.stringify(result.content)).toMatch(/The AI holds no key to this door/);
  });

  it('turns an escalation into a tool approval request, and runs the call once a human approves', async () => {
    const { guarded, reset } = setup(
      [
        {
          name: 'vip',
          kind: 'deterministic',
          evaluate: () => escalate('VIP customer: a human decides.'),
        },
      ],
      { unsafeTrustClientApprovals: true },
    );
    const model = modelCalling('resetPassword', { user: 'ada' });
    const first = await generateText({
      model,
      tools: guarded.tools,
      toolApproval: guarded.toolApproval,
      prompt: 'reset it',
    });
    expect(reset).not.toHaveBeenCalled();
    const request = first.content.find((part) => part.type === 'tool-approval-request');
    expect(request).toMatchObject({ reason: expect.stringMatching(/VIP customer/) });
    const approvalId = (request as { approvalId: string }).approvalId;

    const messages: ModelMessage[] = [
      { role: 'user', content: 'reset it' },
      ...first.response.messages,
      approve(approvalId, true),
    ];
    const second = await generateText({
      model,
      tools: guarded.tools,
      toolApproval: guarded.toolApproval,
      messages,
    });
    expect(reset).toHaveBeenCalledOnce();
    expect(second.text).toBe('Done.');
  });

  it('does not run an escalated call that the human declined', async () => {
    const { guarded, reset } = setup([
      { name: 'vip', kind: 'deterministic', evaluate: () => escalate('VIP customer') },
    ]);
    const model = modelCalling('resetPassword', { user: 'ada' });
    const first = await generateText({
      model,
      tools: guarded.tools,
      toolApproval: guarded.toolApproval,
      prompt: 'reset it',
    });
    const approvalId = (
      first.content.find((part) => part.type === 'tool-approval-request') as { approvalId: string }
    ).approvalId;
    const messages: ModelMessage[] = [
      { role: 'user', content: 'reset it' },
      ...first.response.messages,
      approve(approvalId, false),
    ];
    await generateText({
      model,
      tools: guarded.tools,
      toolApproval: guarded.toolApproval,
      messages,
    });
    expect(reset).not.toHaveBeenCalled();
  });

  it('runs an approved call only when verifyApproval accepts the approver', async () => {
    const verifyApproval = vi.fn(
      async ({ approval }: ApprovalCheck) => approval.approvalId === 'back-office-approved',
    );
    const { guarded, reset } = setup(
      [{ name: 'vip', kind: 'deterministic', evaluate: () => escalate('VIP customer') }],
      {
        verifyApproval,
      },
    );
    const model = modelCalling('resetPassword', { user: 'ada' });
    const first = await generateText({
      model,
      tools: guarded.tools,
      toolApproval: guarded.toolApproval,
      prompt: 'reset it',
    });
    const approvalId = (
      first.content.find((part) => part.type === 'tool-approval-request') as { approvalId: string }
    ).approvalId;
    // The customer approves their own escalation from the chat client: the back office never did.
    const messages: ModelMessage[] = [
      { role: 'user', content: 'reset it' },
      ...first.response.messages,
      approve(approvalId, true),
    ];
    const second = await generateText({
      model,
      tools: guarded.tools,
      toolApproval: guarded.toolApproval,
      messages,
    });
    expect(verifyApproval).toHaveBeenCalledWith(
      expect.objectContaining({
        toolName: 'resetPassword',
        traceId: 'conversation-1',
        approval: expect.objectContaining({ approvalId }),
      }),
    );
    expect(reset).not.toHaveBeenCalled();
    // The model reads why the call did not run.
    expect(JSON.stringify(model.doGenerateCalls.at(-1)?.prompt)).toContain(
      'the approval could not be verified',
    );
    expect(second.text).toBe('Done.');
  });

  it('keeps equal tool call ids of two conversations apart', async () => {
    const { guarded, reset, another } = setup();
    const second = another('conversation-2');
    for (const set of [guarded, second]) {
      await generateText({
        model: modelCalling('resetPassword', { user: 'ada' }),
        tools: set.tools,
        toolApproval: set.toolApproval,
        prompt: 'x',
      });
    }
    expect(reset).toHaveBeenCalledTimes(2);
  });

  it('still enforces the rails when the host forgot toolApproval', async () => {
    const { guarded, reset } = setup([
      { name: 'vip', kind: 'deterministic', evaluate: () => escalate('VIP customer') },
    ]);
    const result = await generateText({
      model: modelCalling('resetPassword', { user: 'ada' }),
      tools: guarded.tools,
      prompt: 'reset it',
    });
    expect(reset).not.toHaveBeenCalled();
    const error = result.content.find((part) => part.type === 'tool-error') as
      | { error: unknown }
      | undefined;
    expect(error?.error).toMatchObject({ code: 'tool_call_escalated' });
  });

  it('asks a human for an irreversible action even when every rail allows', async () => {
    const { guarded, undoLog } = setup([], { unsafeTrustClientApprovals: true });
    const model = modelCalling('closeAccount', { user: 'ada' }, 'call-close');
    const first = await generateText({
      model,
      tools: guarded.tools,
      toolApproval: guarded.toolApproval,
      prompt: 'close my account',
    });
    const request = first.content.find((part) => part.type === 'tool-approval-request') as {
      approvalId: string;
      reason?: string;
    };
    expect(request.reason).toMatch(/irreversible/);
    const messages: ModelMessage[] = [
      { role: 'user', content: 'close' },
      ...first.response.messages,
      approve(request.approvalId, true),
    ];
    await generateText({
      model,
      tools: guarded.tools,
      toolApproval: guarded.toolApproval,
      messages,
    });
    expect(await undoLog.listTrace('conversation-1')).toEqual([
      expect.objectContaining({ actionName: 'close_account', status: 'done' }),
    ]);
  });

  it('replays a repeated tool call id instead of running the action twice, and undoes the conversation', async () => {
    const { guarded, reset, passwords } = setup();
    for (let attempt = 0; attempt < 2; attempt++) {
      await generateText({
        model: modelCalling('resetPassword', { user: 'ada' }),
        tools: guarded.tools,
        toolApproval: guarded.toolApproval,
        prompt: 'x',
      });
    }
    expect(reset).toHaveBeenCalledOnce();
    expect(passwords.get('ada')).toBe('temporary');
    const undone = await guarded.undoAll({
      by: { id: 'agent-7', type: 'human' },
      reason: 'customer changed their mind',
    });
    expect(undone.undone).toHaveLength(1);
    expect(passwords.get('ada')).toBe('old');
  });

  it('rejects malformed options with typed errors', () => {
    const { undoLog } = setup();
    const actor = { id: 'ai', type: 'ai' as const };
    expect(() => createGuardedTools({ tools: {}, undoLog, actor: { id: 'x' } as never })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => createGuardedTools({ tools: {}, undoLog: {} as never, actor })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    // A timeout no timer honours is refused here, not on every call by evaluateRails.
    expect(() => createGuardedTools({ tools: {}, undoLog, actor, railTimeoutMs: 2 ** 31 })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() =>
      createGuardedTools({ tools: { x: { action: {} as never } }, undoLog, actor }),
    ).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() =>
      createGuardedTools({ tools: {}, undoLog, actor, rails: [{ name: 'x' } as never] }),
    ).toThrow(expect.objectContaining({ code: 'invalid_rail' }));
  });
});
