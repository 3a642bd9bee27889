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
  ])('rejects %s as invalid input', (_, options) => {
    expect(() => createUndoLog(options as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
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
