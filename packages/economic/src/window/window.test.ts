import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { InvalidWindowError } from '../errors/invalid-window-error';
import { formatWindow, parseWindow, type WindowInput } from './window';

describe('parseWindow', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1.5h', 5_400_000],
    ['3d', 259_200_000],
    ['30d', 2_592_000_000],
    ['2w', 1_209_600_000],
    [60_000, 60_000],
  ] as const)('reads %s as %d ms', (input, expected) => {
    expect(parseWindow(input)).toBe(expected);
  });

  it.each([
    '7x',
    '',
    'h',
    '5 minutes',
    '-5m',
    '0m',
    0,
    -1,
    1.5,
    '0.5ms',
    Number.NaN,
    Number.POSITIVE_INFINITY,
  ])('rejects %s with invalid_window', (input) => {
    const error = catchError(() => parseWindow(input as WindowInput, 'test window'));
    expect(GuardloopError.hasCode(error, 'invalid_window')).toBe(true);
    expect(error).toBeInstanceOf(InvalidWindowError);
    expect((error as InvalidWindowError).window).toBe(input);
    expect((error as Error).message).toContain('test window');
  });

  it('says what was wrong and what would be right', () => {
    const error = catchError(() => parseWindow('7x' as WindowInput, "SLO 'checkout'.window"));
    expect((error as Error).message).toBe(
      "Invalid window for SLO 'checkout'.window: '7x' is not a known duration. Use a positive number of milliseconds or a duration such as '500ms', '30s', '5m', '1h', '30d' or '2w'.",
    );
  });

  it('rejects values that are neither numbers nor strings', () => {
    const error = catchError(() => parseWindow({} as never));
    expect(GuardloopError.hasCode(error, 'invalid_window')).toBe(true);
  });
});

describe('formatWindow', () => {
  it('uses the largest unit that divides the duration', () => {
    expect(formatWindow(300_000)).toBe('5m');
    expect(formatWindow(3_600_000)).toBe('1h');
    expect(formatWindow(5_400_000)).toBe('90m');
    expect(formatWindow(2_592_000_000)).toBe('30d');
    expect(formatWindow(604_800_000)).toBe('1w');
    expect(formatWindow(1_500)).toBe('1500ms');
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
