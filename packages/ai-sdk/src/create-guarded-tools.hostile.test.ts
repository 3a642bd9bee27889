import { GuardloopError } from '@guardloop/core';
import { createMemoryUndoLogStore, createUndoLog, defineAction } from '@guardloop/undo-log';
import { generateText, type ModelMessage } from 'ai';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createGuardedTools } from './create-guarded-tools';
import { approve, executeTool, modelCalling, setup } from './test-support/guarded-setup';

const actor = { id: 'support-ai', type: 'ai' as const, roles: ['ai-agent'] };
const hasCode = (code: string) => (error: unknown) => GuardloopError.hasCode(error, code);

/** The assistant's approval request for `toolCallId`, then the human's answer. */
const approvedFor = (toolCallId: string, approvalId: string): ModelMessage[] => [
  {
    role: 'assistant',
    content: [{ type: 'tool-approval-request', approvalId, toolCallId }],
  } as ModelMessage,
  approve(approvalId, true),
];

describe('hostile tool calls', () => {
  it('runs an action on its input parsed once, even with a transform', async () => {
    const refunds: number[] = [];
    const refund = defineAction({
      name: 'refund',
      // Dollars from the model, cents for the ledger: parsing twice would refund 100 times over.
      input: z.object({ cents: z.number().transform((dollars) => Math.round(dollars * 100)) }),
      reversible: true,
      do: ({ cents }) => void refunds.push(cents),
      undo: () => {},
    });
    const undoLog = createUndoLog({ store: createMemoryUndoLogStore(), actions: [refund] });
    const guarded = createGuardedTools({
      tools: { refund: { action: refund } },
      undoLog,
      actor,
      traceId: 'trace-refund',
    });
    await generateText({
      model: modelCalling('refund', { cents: 5 }),
      tools: guarded.tools,
      toolApproval: guarded.toolApproval,
      prompt: 'refund me',
    });
    expect(refunds).toEqual([500]);
    const [record] = await undoLog.listTrace('trace-refund');
    const binding = guarded.approvalBindingOf({
      toolName: 'refund',
      toolCallId: 'call-1',
      input: { cents: 5 },
    });
    // The approval binds the input the undo log records and runs.
    expect(binding.inputHash).toBe(record?.inputHash);
  });

  it('binds an approval to the input that runs, not to keys the schema drops', async () => {
    const { guarded, undoLog } = setup();
    await executeTool(guarded, 'resetPassword', { user: 'ada', note: 'ignored' }, 'call-1');
    const [record] = await undoLog.listTrace(guarded.traceId);
    expect(
      guarded.approvalBindingOf({
        toolName: 'resetPassword',
        toolCallId: 'call-1',
        input: { user: 'ada', note: 'ignored' },
      }).inputHash,
    ).toBe(record?.inputHash);
  });

  it('refuses, typed, an input it cannot hash, before anything runs', async () => {
    const notes: unknown[] = [];
    const annotate = defineAction({
      name: 'annotate',
      input: z.object({ note: z.unknown() }),
      reversible: true,
      do: ({ note }) => void notes.push(note),
      undo: () => {},
    });
    const undoLog = createUndoLog({ store: createMemoryUndoLogStore(), actions: [annotate] });
    const guarded = createGuardedTools({
      tools: { annotate: { action: annotate } },
      undoLog,
      actor,
    });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    let deep: unknown = 'x';
    for (let depth = 0; depth < 20_000; depth++) deep = [deep];
    for (const note of [cyclic, deep, new Map([['vip', true]])]) {
      const toolCall = { toolName: 'annotate', toolCallId: 'call-bad', input: { note } };
      await expect(guarded.toolApproval({ toolCall })).resolves.toBe('not-applicable');
      await expect(executeTool(guarded, 'annotate', { note }, 'call-bad')).rejects.toSatisfy(
        hasCode('invalid_input'),
      );
      expect(() => guarded.approvalBindingOf(toolCall)).toThrow(
        expect.toSatisfy(hasCode('invalid_input')),
      );
    }
    expect(notes).toEqual([]);
    // A careless host: nothing to judge is nothing to ask about, never a TypeError.
    await expect(guarded.toolApproval(undefined as never)).resolves.toBe('not-applicable');
  });

  it('refuses one approval replayed for a second call, even with the same input', async () => {
    const verifyApproval = vi.fn(async () => true);
    const { guarded, closed } = setup([], { verifyApproval });
    const input = { user: 'ada' };
    const toolCall = { toolName: 'closeAccount', toolCallId: 'call-a', input };
    await guarded.toolApproval({ toolCall });
    await executeTool(guarded, 'closeAccount', input, 'call-a', approvedFor('call-a', 'appr-1'));
    await expect(
      executeTool(guarded, 'closeAccount', input, 'call-b', approvedFor('call-b', 'appr-1')),
    ).rejects.toSatisfy(hasCode('approval_mismatch'));
    expect(closed).toHaveBeenCalledTimes(1);
  });
});
