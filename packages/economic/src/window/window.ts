import { InvalidWindowError } from '../errors/invalid-window-error';

const unitMs = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
} as const;

export type WindowUnit = keyof typeof unitMs;

/** A duration: milliseconds, or a number with a unit such as `'5m'`, `'1h'`, `'30d'`. */
export type WindowInput = number | `${number}${WindowUnit}`;

const pattern = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/;

/**
 * Turns a window such as `'30d'` or `3_600_000` into whole milliseconds. Throws
 * `InvalidWindowError` (code `invalid_window`) for unknown units, zero, negative or fractional
 * milliseconds. `subject` names the window in the error message.
 */
export function parseWindow(window: WindowInput, subject = 'window'): number {
  const fail = (reason: string) => new InvalidWindowError({ window, subject, reason });
  let ms: number;
  if (typeof window === 'number') {
    ms = window;
  } else if (typeof window === 'string') {
    const match = pattern.exec(window.trim());
    if (!match) throw fail('is not a known duration');
    ms = Number(match[1]) * unitMs[match[2] as WindowUnit];
  } else {
    throw fail('is neither a number nor a string');
  }
  if (!Number.isSafeInteger(ms)) throw fail('is not a whole number of milliseconds');
  if (ms <= 0) throw fail('is not positive');
  return ms;
}

/** Short label of a duration for reasons and keys: `3_600_000` -> `'1h'`, `90_000` -> `'90s'`. */
export function formatWindow(ms: number): string {
  const units = Object.entries(unitMs).reverse() as [WindowUnit, number][];
  for (const [unit, size] of units) {
    // Weeks read worse than days ('30d', not '4w2d'); keep them for exact multiples only.
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
