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

describe('fingerprint', () => {
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

  it('rejects a non-positive window', () => {
    expect(() => createSignalDeduplicator({ windowMs: 0 })).toThrow(RangeError);
  });
});
