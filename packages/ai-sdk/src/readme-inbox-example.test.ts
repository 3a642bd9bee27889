import { createInbox, createInboxApprovalVerifier, createMemoryInboxStore } from '@guardloop/inbox';
import { createMemoryUndoLogStore, createUndoLog, defineAction } from '@guardloop/undo-log';
import { generateText, type ModelMessage } from 'ai';
import { expect, it } from 'vitest';
import { z } from 'zod';
import { createGuardedTools } from './create-guarded-tools';
import { modelCalling } from './test-support/guarded-setup';

// The README's "With an inbox" example, with a mock model: it must run as written.
it('runs the README inbox example: one item, approved in the inbox, run once', async () => {
  const model = modelCalling('closeAccount', { user: 'ada' }, 'call-close');
  let runs = 0;

  const closeAccount = defineAction({
    name: 'close_account',
    input: z.object({ user: z.string() }),
    reversible: false,
    do: async ({ user }) => {
      runs += 1;
      return { closed: user };
    },
  });
  const inboxStore = createMemoryInboxStore();
  const undoLog = createUndoLog({
    store: createMemoryUndoLogStore(),
    actions: [closeAccount],
    verifyApproval: createInboxApprovalVerifier({ store: inboxStore }),
  });
  const inbox = createInbox({ store: inboxStore, undoLog, actions: [closeAccount] });
  const guarded = createGuardedTools({
    tools: { closeAccount: { action: closeAccount, description: 'Close an account for good' } },
    undoLog,
    actor: { id: 'support-ai', type: 'ai' },
    traceId: 'conversation-42',
    inbox,
  });

  const messages: ModelMessage[] = [{ role: 'user', content: 'Please close my account, I am ada' }];
  const first = await generateText({
    model,
    tools: guarded.tools,
    toolApproval: guarded.toolApproval,
    messages,
  });
  messages.push(...first.response.messages);

  const sam = { id: 'sam', type: 'human' as const };
  const [item] = (await inbox.list({ status: 'pending' })).items;
  if (item) {
    await inbox.claim(item.id, { reviewer: sam });
    await inbox.approve(item.id, { reviewer: sam, note: 'identity verified' });
  }

  for (const part of first.content) {
    if (part.type !== 'tool-approval-request') continue;
    expect(part.reason).toContain(`(inbox escalation ${item?.id})`);
    messages.push({
      role: 'tool',
      content: [{ type: 'tool-approval-response', approvalId: part.approvalId, approved: true }],
    });
  }
  // Approved calls run before the first step: their outputs show in onToolExecutionEnd.
  const outputs: unknown[] = [];
  const second = await generateText({
    onToolExecutionEnd: ({ toolOutput }) => {
      outputs.push(toolOutput);
    },
    model,
    tools: guarded.tools,
    toolApproval: guarded.toolApproval,
    messages,
  });

  expect(second.text).toBe('Done.');
  expect(runs).toBe(1);
  expect(await inbox.get(item?.id ?? '')).toMatchObject({
    status: 'approved',
    result: { closed: 'ada' },
  });
  expect(outputs).toEqual([
    expect.objectContaining({ type: 'tool-result', output: { closed: 'ada' } }),
  ]);
});
