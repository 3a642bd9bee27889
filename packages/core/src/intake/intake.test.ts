import { describe, expect, it } from 'vitest';
import { createManualClock } from '../utils/clock';
import { fingerprint } from '../utils/fingerprint';
import { createSequentialIdGenerator } from '../utils/id-generator';
import { createSignal } from './create-signal';
import { createSignalDeduplicator } from './signal-deduplicator';

describe('createSignal', () => {
  const options = {
    clock: createManualClock(42_000),
    idGenerator: createSequentialIdGenerator('s'),
  };

  it('fills ids, timestamps and a fingerprint', () => {
    const signal = createSignal(
      { source: 'zendesk', kind: 'ticket', payload: { subject: 'Hi' }, occurredAt: new Date(1000) },
      options,
    );
    expect(signal).toMatchObject({
      id: 's-1',
      traceId: 's-2',
      occurredAt: 1000,
      receivedAt: 42_000,
    });
    expect(signal.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('computes the fingerprint only when it is first read, then keeps it', () => {
    let reads = 0;
    const nested = {
      get body() {
        reads++;
        return 'I forgot my password';
      },
    };
    const signal = createSignal(
      { source: 'zendesk', kind: 'ticket', payload: { nested } },
      options,
    );
    const afterIntake = reads;
    expect(Object.keys(signal)).toContain('fingerprint');
    const first = signal.fingerprint;
    expect(reads).toBe(afterIntake + 1);
    expect(signal.fingerprint).toBe(first);
    expect(reads).toBe(afterIntake + 1);
    expect(JSON.parse(JSON.stringify(signal)).fingerprint).toBe(first);
    signal.fingerprint = 'overridden';
    expect(signal.fingerprint).toBe('overridden');
  });

  it('keeps fingerprint values stable across versions (64-bit FNV-1a, 16 hex digits)', () => {
    // Pinned values of the BigInt implementation this one replaced.
    const signal = createSignal(
      {
        source: 'zendesk',
        kind: 'ticket',
        payload: { body: ' I  forgot my PASSWORD', n: [1, 2.5, null] },
      },
      options,
    );
    expect(signal.fingerprint).toBe('98538a2d09d03886');
    expect(fingerprint('été ☃ 𝄞')).toBe('9453a4c084990c72');
  });

  it('keeps what the source sent', () => {
    const signal = createSignal(
      {
        id: 'z-9',
        source: 'zendesk',
        kind: 'ticket',
        payload: {},
        fingerprint: 'fp',
        traceId: 'tr',
        correlationId: 'c',
        tenant: 'acme',
      },
      options,
    );
    expect(signal).toMatchObject({
      id: 'z-9',
      fingerprint: 'fp',
      traceId: 'tr',
      correlationId: 'c',
      tenant: 'acme',
    });
  });

  it('rejects malformed input with every issue listed', () => {
    expect(() => createSignal({ source: '', kind: 'fax', payload: [] }, options)).toThrow(
      expect.objectContaining({
        code: 'invalid_input',
        issues: expect.arrayContaining([
          expect.objectContaining({ path: 'source' }),
          expect.objectContaining({ path: 'kind' }),
          expect.objectContaining({ path: 'payload' }),
        ]),
      }),
    );
    expect(() => createSignal('ticket', options)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() =>
      createSignal({ source: 'a', kind: 'alert', payload: {}, occurredAt: -1 }, options),
    ).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});

describe('createSignal with hostile payloads', () => {
  const options = { clock: createManualClock(0), idGenerator: createSequentialIdGenerator('s') };
  const deep = (levels: number) => {
    let value: Record<string, unknown> = {};
    for (let index = 0; index < levels; index++) value = { next: value };
    return value;
  };
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  const getter = Object.defineProperty({}, 'boom', {
    enumerable: true,
    get() {
      throw new Error('boom');
    },
  });
  const payloads: Record<string, unknown> = {
    'a cycle': cyclic,
    'a cycle through an array': { list: [cyclic] },
    '20 000 levels of nesting': deep(20_000),
    '257 levels of nesting': deep(257),
    'an Invalid Date': { at: new Date(Number.NaN) },
    NaN: { n: Number.NaN },
    'a bigint': { n: 1n },
    'a function': { f: () => 1 },
    'a throwing getter': getter,
  };
  for (const [name, payload] of Object.entries(payloads)) {
    it(`rejects ${name} with invalid_input, with or without a fingerprint`, () => {
      for (const extra of [{}, { fingerprint: 'given' }]) {
        expect(() =>
          createSignal(
            { source: 'x', kind: 'alert', payload: { data: payload }, ...extra },
            options,
          ),
        ).toThrow(expect.objectContaining({ code: 'invalid_input' }));
      }
    });
  }

  it('accepts shared (non-cyclic) references and 255 levels', () => {
    const shared = { a: 1 };
    expect(() =>
      createSignal({ source: 'x', kind: 'alert', payload: { a: shared, b: [shared] } }, options),
    ).not.toThrow();
    expect(() =>
      createSignal({ source: 'x', kind: 'alert', payload: deep(255) }, options),
    ).not.toThrow();
  });

  it('rejects an Invalid or pre-1970 Date and malformed options with invalid_input', () => {
    for (const occurredAt of [new Date(Number.NaN), new Date(-1)]) {
      expect(() =>
        createSignal({ source: 'x', kind: 'alert', payload: {}, occurredAt }, options),
      ).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    }
    for (const bad of [null, { clock: 1 }, { idGenerator: 'x' }]) {
      expect(() => createSignal({ source: 'x', kind: 'alert', payload: {} }, bad as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
  });
});

describe('fingerprint', () => {
  it('rejects what it cannot fingerprint with invalid_input instead of crashing', () => {
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    let deep: unknown = 'leaf';
    for (let index = 0; index < 20_000; index++) deep = [deep];
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    for (const value of [cyclic, deep, new Date(Number.NaN), { at: new Date('nope') }, proxy]) {
      expect(() => fingerprint(value)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    }
    expect(fingerprint({ at: new Date(0) })).toMatch(/^[0-9a-f]{16}$/);
  });

  it('ignores key order, case and whitespace but not content', () => {
    expect(fingerprint({ a: 'Reset  Password', b: [1, 2] })).toBe(
      fingerprint({ b: [1, 2], a: ' reset password' }),
    );
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: 2 }));
    expect(fingerprint([1, 2])).not.toBe(fingerprint([2, 1]));
  });
});

describe('createSignalDeduplicator', () => {
  it('reports repeats within the window and forgets them after', () => {
    const clock = createManualClock(0);
    const deduplicator = createSignalDeduplicator({ windowMs: 1000, clock });
    expect(deduplicator.check({ fingerprint: 'f', traceId: 't1' })).toEqual({ duplicate: false });
    clock.advance(999);
    expect(deduplicator.check({ fingerprint: 'f', traceId: 't2' })).toEqual({
      duplicate: true,
      firstSeenAt: 0,
      firstTraceId: 't1',
      count: 2,
    });
    clock.advance(1);
    expect(deduplicator.check({ fingerprint: 'f', traceId: 't3' })).toEqual({ duplicate: false });
  });

  it('stays bounded', () => {
    const deduplicator = createSignalDeduplicator({ maxEntries: 3, clock: createManualClock(0) });
    for (let index = 0; index < 10; index++)
      deduplicator.check({ fingerprint: `f${index}`, traceId: 't' });
    expect(deduplicator.size()).toBe(3);
  });

  it('rejects a window or bound that is not a positive number with invalid_input', () => {
    for (const options of [
      { windowMs: 0 },
      { windowMs: -1 },
      { windowMs: Number.NaN },
      { windowMs: Infinity },
      { maxEntries: 0 },
      { maxEntries: Number.NaN },
      { maxEntries: 1.5 },
      { clock: {} },
      null,
    ]) {
      expect(() => createSignalDeduplicator(options as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
  });

  it('rejects a signal without a fingerprint with invalid_input', () => {
    const deduplicator = createSignalDeduplicator({ clock: createManualClock(0) });
    for (const signal of [null, undefined, {}, { fingerprint: '', traceId: 't' }]) {
      expect(() => deduplicator.check(signal as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
  });
});
