import { storableTextSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import { learningJobReportSchema } from './learning-job-report';

// Epoch milliseconds live in bigint columns: only safe integers round-trip.
const epochMs = z.int().nonnegative();
export const learningKeySchema = storableTextSchema({ label: 'Key', maxBytes: 256 });

export const learningRunStatuses = ['running', 'succeeded', 'failed'] as const;
export const learningRunStatusSchema = z.enum(learningRunStatuses);
export type LearningRunStatus = z.output<typeof learningRunStatusSchema>;

/**
 * The record of one job in one period. `running` while a claimant holds the lease; `succeeded`
 * and `failed` are final: the period is never run again (a failed job runs in the next period).
 */
export const learningRunSchema = z.strictObject({
  job: learningKeySchema,
  periodKey: learningKeySchema,
  periodStart: epochMs,
  periodEnd: epochMs,
  status: learningRunStatusSchema,
  claimant: learningKeySchema,
  /** 1 for the first claim; higher when an expired lease was taken over. */
  attempt: z.int().min(1),
  startedAt: epochMs,
  leaseExpiresAt: epochMs,
  finishedAt: epochMs.optional(),
  report: learningJobReportSchema.optional(),
  /** Why a failed run failed (the thrown error's message, or the report's problems). */
  error: storableTextSchema({ label: 'Error', maxBytes: 32_768 }).optional(),
});
export type LearningRun = z.output<typeof learningRunSchema>;
