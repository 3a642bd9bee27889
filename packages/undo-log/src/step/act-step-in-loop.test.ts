import { createLoop } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { agent, createTestLog } from '../test-support/test-log';
import { createActStep } from './create-act-step';

/** A loop whose hypothesis proposes `action` with no reversibility hint: the log decides. */
function loopOver(log: ReturnType<typeof createTestLog>['log'], action: string, input: object) {
  return createLoop({
    actions: log,
    steps: {
      classifyIntent: () => ({ label: 'billing', confidence: 0.9 }),
      proposeHypotheses: () => [
        {
          id: 'h-1',
          title: 'Do it',
          confidence: 0.9,
          action: { name: action, input: { ...input } },
        },
      ],
      act: createActStep(log),
    },
  });
}

describe('createActStep in a loop', () => {
  it('acts on a reversible action and replays it when the same trace is handled again', async () => {
    const { log, balances, calls } = createTestLog();
    const loop = loopOver(log, 'credit', { account: 'acme', amount: 5 });
    const signal = { source: 'email', kind: 'ticket' as const, payload: {}, traceId: 'trace-9' };
    const first = await loop.handle(signal, { actor: agent });
    expect(first.status).toBe('acted');
    expect(first.actionResult).toMatchObject({ status: 'done', replayed: false });
    const retried = await loop.handle(signal, { actor: agent });
    expect(retried.status).toBe('acted');
    expect(retried.actionResult).toMatchObject({ status: 'done', replayed: true });
    expect(balances.get('acme')).toBe(5);
    expect(calls.filter((call) => call.startsWith('do credit'))).toHaveLength(1);
  });

  it('escalates an action the log defines as irreversible, without running it', async () => {
    const { log, sent } = createTestLog();
    const loop = loopOver(log, 'send_email', { to: 'jo@example.com' });
    const result = await loop.handle(
      { source: 'email', kind: 'ticket', payload: {} },
      { actor: agent },
    );
    expect(result.status).toBe('escalated');
    expect(sent).toEqual([]);
  });
});
