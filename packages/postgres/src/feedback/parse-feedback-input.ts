import { parseInput } from '@guardloop/core';
import {
  type AggregateQuery,
  type Artifact,
  type ArtifactQuery,
  artifactKinds,
  artifactSchema,
  kpiCountersSchema,
  type OutcomeCommit,
  type OutcomeQuery,
  outcomeEventSchema,
  outcomeFlags,
  type Problem,
  type ProblemQuery,
  problemSchema,
  problemStatuses,
  type StoreOptions,
  segmentFilterSchema,
  segmentSchema,
  type TraceQuery,
  traceStateSchema,
  type WriteOptions,
} from '@guardloop/feedback';
import { z } from 'zod';

// The store validates what it writes (a malformed document would be kept for good) and the
// shape of every query; reads trust the rows, which only validated writes produced.
const pageFields = {
  cursor: z.string().optional(),
  // Any number, as in the memory store: `pageLimit` clamps it and reads NaN as the default.
  limit: z.custom<number>((value) => typeof value === 'number', 'Expected a number').optional(),
};
// Times and days are integers (epoch ms), as stored: a fraction could not use the bigint indexes.
const epoch = z.number().int().optional();
const dayFields = { fromDay: epoch, toDay: epoch };
const segment = segmentFilterSchema.optional();

const aggregateDeltaSchema = segmentSchema.extend({
  day: z.number().int().nonnegative(),
  counters: z.strictObject(kpiCountersSchema.partial().shape),
});

const inputSchemas = {
  commit: z.object({
    outcome: outcomeEventSchema,
    trace: traceStateSchema,
    expectedTraceRevision: z.number().int().positive().nullable(),
    aggregateDeltas: z.array(aggregateDeltaSchema).readonly(),
  }),
  id: z.string(),
  outcomeQuery: z.object({
    ...pageFields,
    traceId: z.string().optional(),
    ticketId: z.string().optional(),
    types: z.array(z.string()).readonly().optional(),
    from: epoch,
    to: epoch,
    segment,
    flag: z.enum(outcomeFlags).optional(),
  }),
  traceQuery: z.object({ ...pageFields, ...dayFields, segment }),
  aggregateQuery: z.object({ ...dayFields, segment }),
  artifact: artifactSchema.refine(
    (artifact) =>
      new Set(artifact.versions.map((entry) => entry.version)).size === artifact.versions.length,
    { message: 'Version numbers must be unique', path: ['versions'] },
  ),
  artifactQuery: z.object({
    ...pageFields,
    kind: z.enum(artifactKinds).optional(),
    category: z.string().optional(),
  }),
  problem: problemSchema,
  problemQuery: z.object({
    ...pageFields,
    statuses: z.array(z.enum(problemStatuses)).readonly().optional(),
    fingerprint: z.string().optional(),
    category: z.string().optional(),
    lastSeenAfter: epoch,
  }),
  storeOptions: z.object({ abortSignal: z.instanceof(AbortSignal).optional() }).optional(),
  writeOptions: z.object({
    expectedRevision: z.number().int().positive().nullable(),
    abortSignal: z.instanceof(AbortSignal).optional(),
  }),
} satisfies Record<keyof FeedbackInputs, z.ZodType>;

/** What each schema checks, as the types of the `FeedbackStore` interface. */
interface FeedbackInputs {
  commit: OutcomeCommit;
  id: string;
  outcomeQuery: OutcomeQuery;
  traceQuery: TraceQuery;
  aggregateQuery: AggregateQuery;
  artifact: Artifact;
  artifactQuery: ArtifactQuery;
  problem: Problem;
  problemQuery: ProblemQuery;
  storeOptions: StoreOptions | undefined;
  writeOptions: WriteOptions;
}

export type FeedbackInput<Name extends keyof FeedbackInputs> = FeedbackInputs[Name];

/** Validates an argument of a `FeedbackStore` method; `invalid_input` names the method. */
export function parseFeedbackInput<Name extends keyof FeedbackInputs>(
  name: Name,
  input: unknown,
  method: string,
): FeedbackInput<Name> {
  // zod types optional fields as `T | undefined`, which `exactOptionalPropertyTypes` keeps apart
  // from the interface's `T`; the readers treat an undefined field as an absent one.
  return parseInput(inputSchemas[name], input, `${method} argument`) as FeedbackInput<Name>;
}
