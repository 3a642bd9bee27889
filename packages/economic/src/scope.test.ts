import type { RailContext } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { type ScopeDimension, scopeOf } from './scope';

const context = (tenant?: string, action?: string): RailContext => ({
  traceId: 'trace',
  actor: { id: 'agent/7', type: 'ai', roles: [], ...(tenant === undefined ? {} : { tenant }) },
  ...(action === undefined
    ? {}
    : { action: { name: action, input: {}, reversible: true, dryRun: false } }),
});

describe('scopeOf', () => {
  it('puts every decision in one scope when no dimension is given', () => {
    expect(scopeOf([], context('acme', 'refund'))).toEqual({
      key: 'all',
      description: 'all decisions',
    });
  });

  it('keys and describes the dimensions in the order given', () => {
    expect(scopeOf(['tenant', 'actor', 'actionType'], context('acme', 'refund'))).toEqual({
      key: 'tenant=acme,actor=agent%2F7,actionType=refund',
      description: "tenant 'acme', actor 'agent/7', action type 'refund'",
    });
  });

  it('gives absent values their own scope, which no real value can forge', () => {
    const absent = scopeOf(['tenant', 'actionType'], context());
    expect(absent).toEqual({
      key: 'tenant=,actionType=',
      description: 'no tenant, no action type',
    });
    const tricky = scopeOf(['tenant', 'actionType'], context(',actionType=', 'x'));
    expect(tricky.key).not.toBe(absent.key);
    expect(tricky.key).toBe('tenant=%2CactionType%3D,actionType=x');
  });

  it('keys values a plain URI encoding refuses or a store cannot hold, one to one', () => {
    const actor = (id: string) =>
      scopeOf(['actor'], { traceId: 't', actor: { id, type: 'ai', roles: [] } });
    // encodeURIComponent throws on a lone surrogate; the two halves must not share a counter.
    expect(actor('k\ud800').key).toBe('actor=%s006bd800');
    expect(actor('k\udc00').key).not.toBe(actor('k\ud800').key);
    // A 3 KB id is hashed (keys are at most 2048 bytes), and is told apart from its neighbours.
    const long = 'é'.repeat(3000);
    expect(actor(long).key).toMatch(/^actor=%h[0-9a-f]{64}$/);
    expect(actor(`${long}x`).key).not.toBe(actor(long).key);
    expect(actor(long).description).toBe(`actor '${'é'.repeat(100)}…'`);
    // No encoded value starts with `%s` or `%h`: `%` is always followed by two hex digits.
    expect(actor('%s006bd800').key).toBe('actor=%25s006bd800');
    expect(actor('a'.repeat(512)).key).toBe(`actor=${'a'.repeat(512)}`);
  });

  it('answers a reused dimension list as a fresh one, whatever came before', () => {
    const dimensions: ScopeDimension[] = ['tenant', 'actionType'];
    const contexts = [
      context('acme', 'refund'),
      context('acme', 'refund'),
      context('globex', 'refund'),
      context(undefined, 'refund'),
      context('acme'),
      context('acme', 'refund'),
    ];
    for (const each of contexts) {
      expect(scopeOf(dimensions, each)).toEqual(scopeOf([...dimensions], each));
    }
    // A list changed in place since its last scope is read again, even where the values agree.
    const list: ScopeDimension[] = ['tenant'];
    const same = context('agent/7');
    expect(scopeOf(list, same).key).toBe('tenant=agent%2F7');
    list[0] = 'actor';
    expect(scopeOf(list, same).key).toBe('actor=agent%2F7');
  });
});
