import { defineSlaPolicies } from '@guardloop/intake';

/** The policies the multi-process test and its children share. */
export const multiProcessSlaPolicies = defineSlaPolicies([
  {
    id: 'standard',
    warnBeforeMs: 15 * 60_000,
    targets: {
      p1: { firstResponseMs: 3_600_000, resolutionMs: 8 * 3_600_000 },
      '*': { firstResponseMs: 4 * 3_600_000 },
    },
  },
]);
export const multiProcessStart = Date.parse('2026-12-01T08:00:00Z');
