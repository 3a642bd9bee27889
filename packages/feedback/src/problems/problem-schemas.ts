import { z } from 'zod';
import { storableKeySchema } from '../schemas/storable-values';

/** candidate: a few related incidents; open: recurring (>= minIncidents); resolved: root cause fixed. */
export const problemStatuses = ['candidate', 'open', 'resolved'] as const;
export type ProblemStatus = (typeof problemStatuses)[number];

export const problemIncidentSchema = z.object({
  traceId: z.string().min(1),
  ticketId: z.string().min(1).optional(),
  fingerprint: z.string().min(1).optional(),
  at: z.number().int().nonnegative(),
  matchedBy: z.enum(['new', 'fingerprint', 'category']),
});

/** Incidents that share a root cause, grouped by fingerprint or by category and time proximity. */
export const problemSchema = z.object({
  id: storableKeySchema,
  revision: z.number().int().positive(),
  status: z.enum(problemStatuses),
  category: storableKeySchema.optional(),
  fingerprints: z.array(storableKeySchema),
  firstSeenAt: z.number().int().nonnegative(),
  lastSeenAt: z.number().int().nonnegative(),
  incidentCount: z.number().int().nonnegative(),
  /** The most recent incidents (bounded); `incidentCount` keeps the full count. */
  incidents: z.array(problemIncidentSchema),
  /** The resolved problem this one is a recurrence of. */
  recurrenceOf: z.string().min(1).optional(),
  rootCause: z.string().optional(),
  resolvedAt: z.number().int().nonnegative().optional(),
  resolvedBy: z.string().min(1).optional(),
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
});

export type ProblemIncident = z.output<typeof problemIncidentSchema>;
export type Problem = z.output<typeof problemSchema>;
