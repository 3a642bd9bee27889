import { InvalidInputError, parseInput } from '@guardloop/core';
import { abortSignalSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import { type Artifact, artifactKinds, artifactSchema } from '../artifacts/artifact-schemas';
import { type Problem, problemSchema, problemStatuses } from '../problems/problem-schemas';
import { kpiCountersSchema } from '../schemas/kpi-counters';
import { outcomeEventSchema, outcomeFlags } from '../schemas/outcome-event';
import { outcomeTypes } from '../schemas/outcome-payloads';
import { segmentFilterSchema, segmentSchema } from '../schemas/segment';
import { storableDocumentIssue, storableKeySchema } from '../schemas/storable-values';
import { type TraceState, traceStateSchema } from '../schemas/trace-state';
import { arePlainAggregateDeltas, isPlainTraceState } from './fast-commit-checks';
import type {
  AggregateDelta,
  AggregateQuery,
  ArtifactQuery,
  OutcomeCommit,
  OutcomeQuery,
  ProblemQuery,
  StoreOptions,
  TraceQuery,
  WriteOptions,
} from './feedback-store';

// Every store validates what it writes (a malformed document would be kept for good) and the
// shape of every query, with these schemas: memory and PostgreSQL then reject the same input.
const pageFields = {
  // Any string: the store's cursor decoder tells its own cursors from others.
  cursor: z.string().optional(),
  // Any number: `pageLimit` clamps it and reads NaN as the default.
  limit: z.custom<number>((value) => typeof value === 'number', 'Expected a number').optional(),
};
// Times and days are safe integers (epoch ms), as bigint columns keep them.
const epoch = z.number().int().optional();
const dayFields = { fromDay: epoch, toDay: epoch };
const segment = segmentFilterSchema.optional();

/** Rejects a document that would not come back from every store exactly as written. */
const storable = <Schema extends z.ZodType>(schema: Schema) =>
  schema.superRefine((document, context) => {
    const issue = storableDocumentIssue(document);
    if (issue) context.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });

const aggregateDeltaSchema = segmentSchema.extend({
  day: z.number().int().nonnegative(),
  counters: z.strictObject(kpiCountersSchema.partial().shape),
});

const reflagSchema = z.object({ id: storableKeySchema, flags: z.array(z.enum(outcomeFlags)) });

const commitShape = {
  outcome: outcomeEventSchema,
  trace: traceStateSchema,
  expectedTraceRevision: z.number().int().positive().nullable(),
  aggregateDeltas: z.array(aggregateDeltaSchema).readonly(),
  reflagged: z.array(reflagSchema).readonly().optional(),
};
const commitSchema = <Shape extends typeof commitShape | typeof fastCommitShape>(shape: Shape) =>
  storable(z.object(shape)).refine(
    (commit) =>
      (commit as { outcome: { traceId: string } }).outcome.traceId ===
      (commit as { trace: { traceId: string } }).trace.traceId,
    { message: 'The outcome and the trace must name the same trace', path: ['trace', 'traceId'] },
  );
// The same, for a trace and deltas the plain checks already accepted.
const fastCommitShape = {
  ...commitShape,
  trace: z.custom<TraceState>(),
  aggregateDeltas: z.custom<readonly AggregateDelta[]>(),
};
const fastCommitSchema = commitSchema(fastCommitShape);

/** Argument schemas of the `FeedbackStore` methods, by argument kind. */
export const feedbackStoreArgumentSchemas = {
  commit: commitSchema(commitShape),
  id: storableKeySchema,
  outcomeQuery: z.object({
    ...pageFields,
    traceId: storableKeySchema.optional(),
    ticketId: storableKeySchema.optional(),
    types: z
      .array(z.enum(outcomeTypes as [string, ...string[]]))
      .readonly()
      .optional(),
    from: epoch,
    to: epoch,
    segment,
    flag: z.enum(outcomeFlags).optional(),
  }),
  traceQuery: z.object({ ...pageFields, ...dayFields, segment }),
  aggregateQuery: z.object({ ...dayFields, segment }),
  artifact: storable(artifactSchema).refine(
    (artifact) =>
      new Set(artifact.versions.map((entry) => entry.version)).size === artifact.versions.length,
    { message: 'Version numbers must be unique', path: ['versions'] },
  ),
  artifactQuery: z.object({
    ...pageFields,
    kind: z.enum(artifactKinds).optional(),
    category: storableKeySchema.optional(),
  }),
  problem: storable(problemSchema),
  problemQuery: z.object({
    ...pageFields,
    statuses: z.array(z.enum(problemStatuses)).readonly().optional(),
    fingerprint: storableKeySchema.optional(),
    category: storableKeySchema.optional(),
    lastSeenAfter: epoch,
  }),
  storeOptions: z.object({ abortSignal: abortSignalSchema.optional() }).optional(),
  writeOptions: z.object({
    expectedRevision: z.number().int().positive().nullable(),
    abortSignal: abortSignalSchema.optional(),
  }),
} satisfies Record<keyof FeedbackStoreArguments, z.ZodType>;

/** What each schema checks, as the types of the `FeedbackStore` interface. */
export interface FeedbackStoreArguments {
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

export type FeedbackStoreArgumentKind = keyof FeedbackStoreArguments;

/**
 * Validates one argument of a `FeedbackStore` method as every implementation must: throws
 * `InvalidInputError` (code `invalid_input`, naming the method) for a malformed argument or
 * one not every store can keep unchanged (NUL or lone surrogates in strings, keys over 512
 * UTF-8 bytes, fractional times, non-JSON `data`, oversized documents). Returns the parsed
 * value (defaults applied, unknown keys stripped): store that, not the argument.
 */
export function parseFeedbackStoreArgument<Kind extends FeedbackStoreArgumentKind>(
  kind: Kind,
  input: unknown,
  method: string,
): FeedbackStoreArguments[Kind] {
  // zod types optional fields as `T | undefined`, which `exactOptionalPropertyTypes` keeps apart
  // from the interface's `T`; the stores treat an undefined field as an absent one.
  const commit = kind === 'commit' ? (input as Partial<OutcomeCommit> | null) : undefined;
  const fast =
    typeof commit === 'object' &&
    commit !== null &&
    isPlainTraceState(commit.trace) &&
    arePlainAggregateDeltas(commit.aggregateDeltas);
  const schema = fast ? fastCommitSchema : feedbackStoreArgumentSchemas[kind];
  return parseInput(
    schema as z.ZodType,
    input,
    `${method} argument`,
  ) as FeedbackStoreArguments[Kind];
}

/** The `invalid_input` of a cursor a store did not issue for this query. */
export function unknownCursorError(message = 'Unknown cursor'): InvalidInputError {
  return new InvalidInputError({
    subject: 'page query',
    issues: [{ path: 'cursor', message }],
  });
}
