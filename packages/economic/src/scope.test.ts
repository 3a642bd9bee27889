import type { RailContext } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { scopeOf } from './scope';

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
});
