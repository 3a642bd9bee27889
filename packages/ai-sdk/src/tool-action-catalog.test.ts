import { createMemoryUndoLogStore, createUndoLog, defineAction } from '@guardloop/undo-log';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createGuardedTools } from './create-guarded-tools';
import { toolActionCatalog } from './tool-action-catalog';

const input = z.object({ user: z.string() });
const reset = defineAction({ name: 'reset', input, reversible: true, do: () => 1, undo: () => {} });
const close = defineAction({ name: 'close', input, reversible: false, do: () => 1 });

describe('toolActionCatalog', () => {
  it('describes the actions of the tools, and nothing else', () => {
    const catalog = toolActionCatalog([reset, close]);
    expect(catalog.describeAction('reset')).toEqual({ reversible: true });
    expect(catalog.describeAction('close')).toEqual({ reversible: false });
    expect(catalog.describeAction('drop_table')).toBeUndefined();
  });

  it('counts an action name as irreversible when any of its definitions is', () => {
    const lookalike = { ...close, name: 'reset' };
    expect(toolActionCatalog([reset, lookalike]).describeAction('reset')).toEqual({
      reversible: false,
    });
    expect(toolActionCatalog([lookalike, reset]).describeAction('reset')).toEqual({
      reversible: false,
    });
  });

  it('fails closed on a definition whose reversible is not the boolean true', () => {
    const odd = { ...reset, reversible: 'yes' as never };
    expect(toolActionCatalog([odd]).describeAction('reset')).toEqual({ reversible: false });
  });
});

describe('createGuardedTools asks a human as the action definition says', () => {
  const toolCall = (toolName: string) => ({
    toolName,
    toolCallId: 'call-1',
    input: { user: 'ada' },
  });
  const guardedOver = (tools: Record<string, { action: typeof reset | typeof close }>) =>
    createGuardedTools({
      tools,
      undoLog: createUndoLog({ store: createMemoryUndoLogStore(), actions: [reset, close] }),
      actor: { id: 'support-ai', type: 'ai' },
    });

  it('lets a reversible call through and holds an irreversible one when every rail allows', async () => {
    const guarded = guardedOver({ resetTool: { action: reset }, closeTool: { action: close } });
    expect(await guarded.toolApproval({ toolCall: toolCall('resetTool') })).toBe('not-applicable');
    expect(await guarded.toolApproval({ toolCall: toolCall('closeTool') })).toMatchObject({
      type: 'user-approval',
      reason: expect.stringMatching(/irreversible/),
    });
  });

  it('holds a call whose definition does not declare reversible: true', async () => {
    const odd = { ...reset, reversible: 'yes' as never };
    const guarded = guardedOver({ oddTool: { action: odd } });
    expect(await guarded.toolApproval({ toolCall: toolCall('oddTool') })).toMatchObject({
      type: 'user-approval',
    });
  });
});
