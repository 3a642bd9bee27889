import { createLoop, createManualClock, GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';

describe('smoke', () => {
  it('runs the loop through source aliases', async () => {
    const loop = createLoop({
      clock: createManualClock(1000),
      steps: {
        classifyIntent: () => ({ label: 'password_reset', confidence: 0.9 }),
        proposeHypotheses: () => [
          {
            id: 'h1',
            title: 'reset',
            confidence: 0.8,
            action: { name: 'reset_password', reversible: true },
          },
        ],
        act: () => ({ ok: true }),
      },
    });
    const result = await loop.handle(
      { source: 'test', kind: 'ticket', payload: { a: 1 } },
      { actor: { id: 'ai', type: 'ai' } },
    );
    expect(result.status).toBe('acted');
    expect(result.events.map((e) => e.type)).toEqual([
      'signal.received',
      'intent.classified',
      'hypotheses.proposed',
      'decision.made',
      'action.completed',
      'learning.completed',
      'loop.acted',
    ]);
    await expect(
      loop.handle({ kind: 'nope' } as never, { actor: { id: 'ai', type: 'ai' } }),
    ).rejects.toSatisfy((e) => GuardloopError.hasCode(e, 'invalid_input'));
  });
});
