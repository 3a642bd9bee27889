import { createSequentialIdGenerator } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAction } from '../action/define-action';
import { createMemoryUndoLogStore } from '../store/memory-undo-log-store';
import { createTestBank } from '../test-support/test-log';
import { createUndoLog } from './create-undo-log';

describe('createUndoLog', () => {
  const { credit, sendEmail } = createTestBank();
  const store = createMemoryUndoLogStore();

  it('creates a log over a store with the given actions', () => {
    const log = createUndoLog({ store, actions: [credit, sendEmail] });
    expect(typeof log.run).toBe('function');
  });

  it.each([
    ['no store', { actions: [] }],
    ['a store without methods', { store: { insert() {} }, actions: [] }],
    ['no actions list', { store }],
    ['an action without a name', { store, actions: [{}] }],
    ['a negative lease', { store, actions: [], leaseMs: -5 }],
    ['an empty owner id', { store, actions: [], ownerId: '' }],
    ['a bad recovery actor', { store, actions: [], recoveryActor: { id: 'x', type: 'daemon' } }],
    ['an id generator that is not a function', { store, actions: [], idGenerator: 'seq' }],
    ['a clock without now()', { store, actions: [], clock: {} }],
  ])('rejects %s as invalid input', (_, options) => {
    expect(() => createUndoLog(options as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });

  it('takes action ids from idGenerator and gives every context abortSignal', async () => {
    const seen: Record<string, unknown> = {};
    const probe = defineAction({
      name: 'probe',
      input: z.object({}),
      reversible: true,
      snapshot: (_input, context) => {
        seen.plan = context.abortSignal;
        return null;
      },
      do: (_input, context) => {
        seen.do = context.abortSignal;
      },
      undo: (_input, context) => {
        seen.undo = context.abortSignal;
      },
    });
    const log = createUndoLog({
      store: createMemoryUndoLogStore(),
      actions: [probe],
      idGenerator: createSequentialIdGenerator('probe'),
    });
    const controller = new AbortController();
    const actor = { id: 'agent-1', type: 'ai' as const };
    const run = await log.run(
      probe,
      {},
      { traceId: 't', actor, idempotencyKey: 'k', abortSignal: controller.signal },
    );
    if (run.status === 'dry_run') throw new Error('expected a run, not a dry run');
    expect(run.actionId).toBe('probe-1');
    await log.undo(run.actionId, { by: actor, reason: 'test', abortSignal: controller.signal });
    expect(seen).toEqual({
      plan: controller.signal,
      do: controller.signal,
      undo: controller.signal,
    });
  });

  it('rejects two actions with one name', () => {
    expect(() => createUndoLog({ store, actions: [credit, { ...credit }] })).toThrow(
      expect.objectContaining({
        code: 'invalid_input',
        message: expect.stringContaining("Duplicate action name 'credit'"),
      }),
    );
  });
});

describe('defineAction', () => {
  const base = { name: 'noop', input: z.object({}), do: () => undefined };

  it('keeps a valid definition as it is', () => {
    const action = { ...base, reversible: true as const, undo: () => {} };
    expect(defineAction(action)).toBe(action);
  });

  it.each([
    ['a reversible action without undo', { ...base, reversible: true }],
    ['an irreversible action with undo', { ...base, reversible: false, undo: () => {} }],
    ['an empty name', { ...base, name: '', reversible: false }],
    ['an input that is not a zod schema', { ...base, input: { parse() {} }, reversible: false }],
    ['a missing do', { name: 'x', input: z.object({}), reversible: false }],
    ['a missing reversible flag', { ...base }],
  ])('rejects %s', (_, definition) => {
    expect(() => defineAction(definition as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});
