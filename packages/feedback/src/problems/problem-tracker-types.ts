import type { Clock, IdGenerator } from '@guardloop/core';
import { clockSchema, idGeneratorSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import { feedbackStoreSchema } from '../schemas/dependency-schemas';
import { epochSchema } from '../schemas/time-range';
import type {
  FeedbackCallOptions,
  FeedbackStore,
  Page,
  ProblemQuery,
} from '../store/feedback-store';
import type { Problem } from './problem-schemas';

const text = z.string().min(1);

export const trackerOptionsSchema = z.object({
  store: feedbackStoreSchema,
  clock: clockSchema.optional(),
  idGenerator: idGeneratorSchema.optional(),
  fingerprintWindowMs: z.number().int().positive().optional(),
  categoryWindowMs: z.number().int().positive().optional(),
  minIncidents: z.number().int().positive().optional(),
  maxIncidentsKept: z.number().int().positive().optional(),
  maxAttempts: z.number().int().positive().optional(),
});

export const incidentInputSchema = z
  .object({
    traceId: text,
    ticketId: text.optional(),
    /** Same fingerprint = same root cause (e.g. `signal.fingerprint`). */
    fingerprint: text.optional(),
    category: text.optional(),
    at: epochSchema.optional(),
  })
  .refine((incident) => incident.fingerprint !== undefined || incident.category !== undefined, {
    message: 'Give a fingerprint or a category',
    path: ['fingerprint'],
  });

export const resolveSchema = z.looseObject({ by: text, rootCause: text.optional() });

export type IncidentInput = z.input<typeof incidentInputSchema>;

export interface ProblemTrackerOptions {
  store: FeedbackStore;
  clock?: Clock;
  idGenerator?: IdGenerator;
  /** An incident joins a problem with its fingerprint last seen within this. Default 7 days. */
  fingerprintWindowMs?: number;
  /** An incident joins a problem of its category last seen within this. Default 1 hour. */
  categoryWindowMs?: number;
  /** Incidents that make a candidate an open problem. Default 3. */
  minIncidents?: number;
  /** Most recent incidents kept on the record. Default 100. */
  maxIncidentsKept?: number;
  maxAttempts?: number;
}

export interface TrackResult {
  problem: Problem;
  matchedBy: 'new' | 'fingerprint' | 'category';
  /** True when this incident made the candidate an open problem. */
  becameProblem: boolean;
  /** True when this trace was already tracked: nothing changed. */
  duplicate: boolean;
}

/** Every method validates input (InvalidInputError) and rejects with the abort reason when aborted. */
export interface ProblemTracker {
  /** Groups an incident into a problem. @throws InvalidInputError, ConcurrentUpdateError */
  track(incident: IncidentInput, options?: FeedbackCallOptions): Promise<TrackResult>;
  /** Closes a problem; a later recurrence opens a new one linked by `recurrenceOf`. @throws ProblemNotFoundError */
  resolve(
    problemId: string,
    options: { by: string; rootCause?: string } & FeedbackCallOptions,
  ): Promise<Problem>;
  /** @throws ProblemNotFoundError */
  get(problemId: string, options?: FeedbackCallOptions): Promise<Problem>;
  list(query?: ProblemQuery, options?: FeedbackCallOptions): Promise<Page<Problem>>;
}
