import { createLoop, type LoopEvent } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createMemoryInboxStore } from '../store/memory-inbox-store';
import { createTestInbox, reviewers } from '../test/test-inbox';

describe('loop.resume over the memory inbox', () => {
  it('escalates through createLoop, is approved in the inbox and resumes completed', async () => {
    const { inbox, undoLog, runs } = createTestInbox(createMemoryInboxStore());
    const events: LoopEvent[] = [];
    const loop = createLoop({
      inbox,
      // The undo log's definition decides: delete_account is irreversible, whatever the hint says.
      actions: undoLog,
      onEvent: (event) => events.push(event),
      steps: {
        classifyIntent: () => ({ label: 'account_deletion', confidence: 0.95 }),
        proposeHypotheses: () => [
          {
            id: 'h-delete',
            title: 'Customer asks to delete the account',
            confidence: 0.9,
            action: { name: 'delete_account', input: { accountId: 'a-1' }, reversible: true },
          },
        ],
        act: () => {
          throw new Error('the loop must not run an action that needs approval');
        },
      },
    });
    const first = await loop.handle(
      {
        traceId: 'trace-resume',
        source: 'zendesk',
        kind: 'ticket',
        payload: { subject: 'Delete me' },
      },
      { actor: reviewers.agent },
    );
    expect(first).toMatchObject({ status: 'escalated', awaitingHuman: true });
    const escalationId = first.escalationId as string;
    expect(await loop.resume(escalationId)).toMatchObject({
      status: 'escalated',
      awaitingHuman: true,
    });

    await inbox.approve(escalationId, { reviewer: reviewers.tier2 });
    expect(runs).toEqual(['delete a-1']);
    events.length = 0;
    const resumed = await loop.resume(escalationId, { abortSignal: new AbortController().signal });
    expect(resumed).toMatchObject({
      status: 'completed',
      traceId: 'trace-resume',
      escalationId,
      actionResult: { deleted: true },
      human: { kind: 'approved', reviewer: { id: 'sam' } },
      hypothesis: { id: 'h-delete', action: { input: { accountId: 'a-1' } } },
    });
    expect(events.map((event) => [event.type, event.traceId])).toEqual([
      ['human.approved', 'trace-resume'],
      ['action.completed', 'trace-resume'],
      ['loop.completed', 'trace-resume'],
    ]);
    // Resuming again reads the same decision: the action does not run twice.
    expect((await loop.resume(escalationId)).status).toBe('completed');
    expect(runs).toEqual(['delete a-1']);
    await expect(loop.resume('esc-unknown')).rejects.toMatchObject({
      code: 'escalation_not_found',
    });
  });
});
