import { z } from 'zod';

// Shared option schemas (AbortSignal, clock, id generator) come from core's plumbing.
export { abortSignalSchema, clockSchema, idGeneratorSchema } from '@guardloop/core/internal';

/** A lease duration in ms: positive, and at most ~24.8 days like every timer. */
export const durationMsSchema = z
  .int()
  .min(1)
  .max(2 ** 31 - 1);

/** An SLA duration in ms: positive, at most a year (deadlines are stored, not timers). */
export const slaDurationMsSchema = z
  .int()
  .min(1)
  .max(365 * 24 * 60 * 60 * 1000);
