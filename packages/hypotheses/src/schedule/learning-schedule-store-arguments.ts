import {
  abortOptionsSchema,
  createStoreArgumentParser,
  storableTextSchema,
} from '@guardloop/core/internal';
import { z } from 'zod';
import { learningJobReportSchema } from './learning-job-report';
import { learningKeySchema } from './learning-run';
import type { LearningScheduleStore } from './learning-schedule-store';

const key = learningKeySchema;
const epochMs = z.int().nonnegative();
const call = abortOptionsSchema;

/** Argument tuples of each `LearningScheduleStore` method, for implementations to validate. */
export const learningScheduleStoreArgumentSchemas = {
  claimRun: z.tuple([
    z
      .strictObject({
        job: key,
        periodKey: key,
        periodStart: epochMs,
        periodEnd: epochMs,
        claimant: key,
        now: epochMs,
        leaseMs: z
          .int()
          .min(1)
          .max(2 ** 31 - 1),
      })
      .refine((claim) => claim.periodEnd > claim.periodStart, {
        message: 'periodEnd must be after periodStart',
        path: ['periodEnd'],
      }),
    call,
  ]),
  completeRun: z.tuple([
    z.strictObject({
      job: key,
      periodKey: key,
      claimant: key,
      now: epochMs,
      status: z.enum(['succeeded', 'failed']),
      report: learningJobReportSchema.optional(),
      error: storableTextSchema({ label: 'Error', maxBytes: 32_768 }).optional(),
    }),
    call,
  ]),
  renewRun: z.tuple([
    z.strictObject({
      job: key,
      periodKey: key,
      claimant: key,
      attempt: z
        .int()
        .min(1)
        .max(2 ** 31 - 1)
        .optional(),
      now: epochMs,
      leaseMs: z
        .int()
        .min(1)
        .max(2 ** 31 - 1),
    }),
    call,
  ]),
  getRun: z.tuple([key, key, call]),
  listRuns: z.tuple([
    z.strictObject({
      job: key.optional(),
      fromPeriodStart: epochMs.optional(),
      limit: z.int().min(1).max(1000),
    }),
    call,
  ]),
} as const;

export type LearningScheduleStoreMethod = keyof typeof learningScheduleStoreArgumentSchemas;

export type LearningScheduleStoreArguments = {
  [Method in LearningScheduleStoreMethod]: Parameters<LearningScheduleStore[Method]>;
};

const parse = createStoreArgumentParser<LearningScheduleStoreArguments>(
  learningScheduleStoreArgumentSchemas,
  { store: 'LearningScheduleStore' },
);

/**
 * Validates the arguments of a `LearningScheduleStore` call (`invalid_input`), then rejects with
 * the abort reason when the call's `abortSignal` is aborted. Every store calls it first, so
 * memory and PostgreSQL accept and refuse the same values. Returns the parsed arguments
 * (report defaults filled in).
 */
export function parseLearningScheduleStoreArguments<Method extends LearningScheduleStoreMethod>(
  method: Method,
  args: readonly unknown[],
): LearningScheduleStoreArguments[Method] {
  return parse(method, args);
}
