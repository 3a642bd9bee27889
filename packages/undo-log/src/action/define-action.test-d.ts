import type { Actor } from '@guardloop/core';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { createUndoLog } from '../log/create-undo-log';
import type { RunResult } from '../log/run-options';
import { createMemoryUndoLogStore } from '../store/memory-undo-log-store';
import { defineAction } from './define-action';

describe('defineAction types', () => {
  it('infers input, snapshot and output through every callback', () => {
    const refund = defineAction({
      name: 'refund',
      input: z.object({ orderId: z.string(), cents: z.number() }),
      reversible: true,
      snapshot: (input) => ({ previous: input.cents, at: new Date(0).toISOString() }),
      do: (input, context) => {
        expectTypeOf(input).toEqualTypeOf<{ orderId: string; cents: number }>();
        expectTypeOf(context.snapshot).toEqualTypeOf<{ previous: number; at: string }>();
        expectTypeOf(context.actor).toEqualTypeOf<Actor>();
        return { refundId: `r-${input.orderId}` };
      },
      undo: (_input, context) => {
        expectTypeOf(context.result).toEqualTypeOf<{ refundId: string } | undefined>();
        expectTypeOf(context.snapshot.previous).toBeNumber();
      },
      isComplete: (_input, snapshot) => snapshot.previous > 0,
    });
    const log = createUndoLog({ store: createMemoryUndoLogStore(), actions: [refund] });
    const pending = log.run(
      refund,
      { orderId: 'o1', cents: 5 },
      { traceId: 't', actor: { id: 'a', type: 'ai' } },
    );
    expectTypeOf(pending).resolves.toEqualTypeOf<RunResult<{ refundId: string }>>();
  });

  it('forbids undo on irreversible actions and requires it on reversible ones', () => {
    const input = z.object({});
    // @ts-expect-error an irreversible action has no undo
    defineAction({ name: 'a', input, reversible: false, do: () => 1, undo: () => {} });
    // @ts-expect-error a reversible action needs undo
    defineAction({ name: 'b', input, reversible: true, do: () => 1 });
  });

  it('checks run input against the schema', () => {
    const action = defineAction({
      name: 'c',
      input: z.object({ n: z.number() }),
      reversible: false,
      do: () => 1,
    });
    const log = createUndoLog({ store: createMemoryUndoLogStore(), actions: [action] });
    // @ts-expect-error n must be a number
    void log.run(action, { n: 'one' }, { traceId: 't', actor: { id: 'a', type: 'ai' } });
  });
});
