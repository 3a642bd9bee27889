import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { InvalidRateLimitError } from '../errors/invalid-rate-limit-error';
import { defineRateLimit, type RateLimitInput } from './define-rate-limit';

describe('defineRateLimit', () => {
  it('defaults to a limit per actor and action type, over ten buckets', () => {
    expect(defineRateLimit({ name: 'actions', limit: 30, window: '1m' })).toEqual({
      name: 'actions',
      limit: 30,
      windowMs: 60_000,
      bucketMs: 6_000,
      retentionMs: 66_000,
      scope: ['actor', 'actionType'],
      actionTypes: undefined,
    });
  });

  it.each<[string, unknown]>([
    ['a zero limit', { name: 'r', limit: 0, window: '1m' }],
    ['a negative limit', { name: 'r', limit: -3, window: '1m' }],
    ['a fractional limit', { name: 'r', limit: 2.5, window: '1m' }],
    ['an unknown scope', { name: 'r', limit: 1, window: '1m', scope: ['galaxy'] }],
    ['zero buckets', { name: 'r', limit: 1, window: '1m', buckets: 0 }],
    ['no window', { name: 'r', limit: 1 }],
  ])('rejects %s with invalid_rate_limit', (_, input) => {
    let error: unknown;
    try {
      defineRateLimit(input as RateLimitInput);
    } catch (caught) {
      error = caught;
    }
    expect(GuardloopError.hasCode(error, 'invalid_rate_limit')).toBe(true);
    expect(error).toBeInstanceOf(InvalidRateLimitError);
    expect((error as InvalidRateLimitError).rateLimit).toBe('r');
  });

  it.each(['7x', '0s', -100])('rejects the window %s with invalid_window', (window) => {
    expect(() => defineRateLimit({ name: 'r', limit: 1, window: window as never })).toThrowError(
      expect.objectContaining({ code: 'invalid_window' }),
    );
  });
});
