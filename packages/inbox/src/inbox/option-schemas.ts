import type { Clock } from '@guardloop/core';
import { z } from 'zod';

// Core keeps its option schemas internal; these mirror them for the inbox's own options.
export const abortSignalSchema = z.custom<AbortSignal>(
  (value) => value instanceof AbortSignal,
  'Expected an AbortSignal',
);

export const clockSchema = z.custom<Clock>(
  (value) =>
    typeof (value as Clock | null)?.now === 'function' &&
    typeof (value as Clock).setTimer === 'function',
  'Expected a clock with now() and setTimer()',
);

/** A lease or SLA duration in ms: positive, and at most ~24.8 days like every timer. */
export const durationMsSchema = z
  .int()
  .min(1)
  .max(2 ** 31 - 1);

/** An SLA duration in ms: positive, at most a year (deadlines are stored, not timers). */
export const slaDurationMsSchema = z
  .int()
  .min(1)
  .max(365 * 24 * 60 * 60 * 1000);
