import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { InvalidBudgetError } from '../errors/invalid-budget-error';
import { type CostBudgetInput, defineCostBudget } from './define-cost-budget';

describe('defineCostBudget', () => {
  it('defaults to one global budget per UTC day', () => {
    expect(defineCostBudget({ name: 'all', usd: 100 })).toEqual({
      name: 'all',
      scope: [],
      periodMs: 86_400_000,
      limits: { usd: 100 },
      actionTypes: undefined,
    });
  });

  it('accepts scopes, periods, both limits, action types, and a zero limit', () => {
    expect(
      defineCostBudget({
        name: 'tenant-hourly',
        scope: ['tenant', 'actionType'],
        period: '1h',
        tokens: 0,
        usd: 2.5,
        actionTypes: ['draft_reply'],
      }),
    ).toEqual({
      name: 'tenant-hourly',
      scope: ['tenant', 'actionType'],
      periodMs: 3_600_000,
      limits: { tokens: 0, usd: 2.5 },
      actionTypes: ['draft_reply'],
    });
  });

  it.each<[string, unknown]>([
    ['a negative usd limit', { name: 'b', usd: -1 }],
    ['a negative token limit', { name: 'b', tokens: -100 }],
    ['no limit', { name: 'b' }],
    ['an infinite limit', { name: 'b', usd: Number.POSITIVE_INFINITY }],
    ['an unknown scope', { name: 'b', usd: 1, scope: ['planet'] }],
    ['a repeated scope', { name: 'b', usd: 1, scope: ['tenant', 'tenant'] }],
    ['no name', { usd: 1 }],
    ['empty action types', { name: 'b', usd: 1, actionTypes: [] }],
  ])('rejects %s with invalid_budget', (_, input) => {
    let error: unknown;
    try {
      defineCostBudget(input as CostBudgetInput);
    } catch (caught) {
      error = caught;
    }
    expect(GuardloopError.hasCode(error, 'invalid_budget')).toBe(true);
    expect(error).toBeInstanceOf(InvalidBudgetError);
  });

  it('names the budget and the offending field', () => {
    let error: unknown;
    try {
      defineCostBudget({ name: 'tenant-daily', usd: -5 });
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ budget: 'tenant-daily', issues: [{ path: 'usd' }] });
  });

  it.each(['7x', '0d', -1])('rejects the period %s with invalid_window', (period) => {
    expect(() => defineCostBudget({ name: 'b', usd: 1, period: period as never })).toThrowError(
      expect.objectContaining({ code: 'invalid_window' }),
    );
  });
});
