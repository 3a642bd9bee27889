import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidInputError } from '../errors/invalid-input-error';
import { abortOptionsSchema } from '../utils/option-schemas';
import { createStoreArgumentParser } from './create-store-argument-parser';

interface NoteArguments {
  get: [id: string, options?: { abortSignal?: AbortSignal }];
  move: [id: string, target: { folder: string }, options?: { abortSignal?: AbortSignal }];
}

const schemas = {
  get: z.tuple([z.string().min(1), abortOptionsSchema]),
  move: z.tuple([z.string(), z.object({ folder: z.string() }), abortOptionsSchema]),
};

const abortedSignal = () => {
  const controller = new AbortController();
  controller.abort(new Error('stopped'));
  return controller.signal;
};

describe('createStoreArgumentParser', () => {
  const parse = createStoreArgumentParser<NoteArguments>(schemas, { store: 'NoteStore' });

  it('returns the parsed tuple, unknown keys stripped', () => {
    const target = { folder: 'archive', extra: true };
    const parsed = parse('move', ['n-1', target]);
    expect(parsed).toEqual(['n-1', { folder: 'archive' }]);
    expect(parsed[1]).not.toBe(target);
  });

  it('refuses malformed arguments as invalid_input naming the store and method', () => {
    const attempt = () => parse('get', ['']);
    expect(attempt).toThrow(InvalidInputError);
    expect(attempt).toThrow(/NoteStore\.get arguments/);
    try {
      parse('move', ['n-1', { folder: 'a' }, { abortSignal: 'no' }]);
      expect.unreachable();
    } catch (error) {
      expect(InvalidInputError.isInstance(error)).toBe(true);
      expect((error as InvalidInputError).code).toBe('invalid_input');
      expect((error as InvalidInputError).subject).toBe('NoteStore.move arguments');
    }
  });

  it('rejects with the abort reason at the last tuple item, after validation', () => {
    const signal = abortedSignal();
    expect(() => parse('get', ['n-1', { abortSignal: signal }])).toThrow('stopped');
    expect(() => parse('move', ['n-1', { folder: 'a' }, { abortSignal: signal }])).toThrow(
      'stopped',
    );
    // Malformed input is reported first, whatever the signal.
    expect(() => parse('get', ['', { abortSignal: signal }])).toThrow(InvalidInputError);
    // Options omitted: nothing to abort, whatever the earlier arguments hold.
    expect(parse('move', ['n-1', { folder: 'a' }])).toHaveLength(2);
  });

  it('returns the arguments as given, and skips the abort check, when asked', () => {
    const given = createStoreArgumentParser<NoteArguments>(schemas, {
      store: 'NoteStore',
      abortable: false,
      returns: 'arguments',
    });
    const args = ['n-1', { folder: 'a', extra: 1 }, { abortSignal: abortedSignal() }] as const;
    expect(given('move', args)).toBe(args);
    expect(() => given('get', [''])).toThrow(InvalidInputError);
  });

  it('needs tuple schemas for abortable methods', () => {
    expect(() =>
      createStoreArgumentParser<{ count: [] }>({ count: z.array(z.never()) }, { store: 'S' }),
    ).toThrow(TypeError);
    expect(() =>
      createStoreArgumentParser<{ count: [] }>(
        { count: z.array(z.never()) },
        { store: 'S', abortable: false },
      ),
    ).not.toThrow();
  });
});
