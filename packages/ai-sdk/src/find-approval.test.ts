import type { ModelMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import { findApproval } from './find-approval';

const request: ModelMessage = {
  role: 'assistant',
  content: [
    { type: 'tool-call', toolCallId: 'c1', toolName: 't', input: {} },
    { type: 'tool-approval-request', approvalId: 'a1', toolCallId: 'c1' },
  ],
};
const answer = (approved: unknown, reason?: string) =>
  ({
    type: 'tool-approval-response',
    approvalId: 'a1',
    approved,
    ...(reason ? { reason } : {}),
  }) as never;

describe('findApproval', () => {
  it('finds the answer to the request of a tool call', () => {
    expect(findApproval([request, { role: 'tool', content: [answer(true)] }], 'c1')).toEqual({
      approvalId: 'a1',
      approved: true,
    });
    expect(findApproval([request], 'c1')).toBeUndefined();
    expect(
      findApproval([request, { role: 'tool', content: [answer(true)] }], 'c2'),
    ).toBeUndefined();
  });

  it.each([['false'], ['true'], [1], [null], [{}]])(
    'treats approved: %j as declined',
    (approved) => {
      expect(findApproval([request, { role: 'tool', content: [answer(approved)] }], 'c1')).toEqual({
        approvalId: 'a1',
        approved: false,
      });
    },
  );

  it('is declined when any of several answers declines, with its reason', () => {
    const messages: ModelMessage[] = [
      request,
      { role: 'tool', content: [answer(true), answer(false, 'not this one')] },
    ];
    expect(findApproval(messages, 'c1')).toEqual({
      approvalId: 'a1',
      approved: false,
      reason: 'not this one',
    });
  });

  it('skips malformed messages and parts instead of crashing', () => {
    const messages = [
      null,
      { role: 'tool', content: [null, 42, answer(true)] },
      { role: 'assistant', content: [{ type: 'tool-approval-request', toolCallId: 'c1' }] },
    ] as unknown as ModelMessage[];
    expect(findApproval(messages, 'c1')).toBeUndefined();
    expect(findApproval(undefined as never, 'c1')).toBeUndefined();
  });
});
