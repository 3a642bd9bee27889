import { InvalidInputError } from '@guardloop/core';
import {
  abortOptionsSchema,
  abortSignalSchema,
  createStoreArgumentParser,
} from '@guardloop/core/internal';
import { z } from 'zod';
import { artifactKinds, artifactSchema } from '../artifacts/artifact-schemas';
import { problemSchema, problemStatuses } from '../problems/problem-schemas';
import { breakdownDeltaSchema } from '../schemas/breakdown-counters';
import { kpiCountersSchema } from '../schemas/kpi-counters';
import { outcomeEventSchema, outcomeFlags } from '../schemas/outcome-event';
import { outcomeTypes } from '../schemas/outcome-payloads';
import { segmentFilterSchema, segmentSchema } from '../schemas/segment';
import { storableDocumentIssue, storableKeySchema } from '../schemas/storable-values';
import { type TraceState, traceStateSchema } from '../schemas/trace-state';
import {
  arePlainAggregateDeltas,
  copyFlatParts,
  isPlainTraceState,
  plainCommit,
} from './fast-commit-checks';
import {
  type AggregateDelta,
  type FeedbackStore,
  maxBatchCommits,
  type OutcomeCommit,
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
  breakdowns: z.array(breakdownDeltaSchema).readonly().optional(),
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

/** Every commit of a batch on its own, then the chain of each trace (see `commitOutcomes`). */
const commitBatchSchema = <Commit extends z.ZodType>(commit: Commit) =>
  z
    .array(commit)
    .max(maxBatchCommits)
    .readonly()
    .superRefine((commits, context) => {
      const ids = new Set<string>();
      const revisions = new Map<string, number>();
      commits.forEach((entry, index) => {
        const { outcome, trace, expectedTraceRevision } = entry as OutcomeCommit;
        if (ids.has(outcome.id)) {
          context.addIssue({
            code: 'custom',
            path: [index, 'outcome', 'id'],
            message: 'An outcome id may appear once per batch',
          });
        }
        ids.add(outcome.id);
        const chained = revisions.get(trace.traceId);
        if (chained !== undefined && expectedTraceRevision !== chained) {
          context.addIssue({
            code: 'custom',
            path: [index, 'expectedTraceRevision'],
            message: `Expected the revision the previous commit of trace '${trace.traceId}' wrote (${chained})`,
          });
        }
        revisions.set(trace.traceId, trace.revision);
      });
    });

const storeOptions = abortOptionsSchema;
const writeOptions = z.object({
  expectedRevision: z.number().int().positive().nullable(),
  abortSignal: abortSignalSchema.optional(),
});
const id = storableKeySchema;
const outcomeQuery = z.object({
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
});
const artifact = storable(artifactSchema).refine(
  (value) => new Set(value.versions.map((entry) => entry.version)).size === value.versions.length,
  { message: 'Version numbers must be unique', path: ['versions'] },
);
const artifactQuery = z.object({
  ...pageFields,
  kind: z.enum(artifactKinds).optional(),
  category: storableKeySchema.optional(),
});
const problemQuery = z.object({
  ...pageFields,
  statuses: z.array(z.enum(problemStatuses)).readonly().optional(),
  fingerprint: storableKeySchema.optional(),
  category: storableKeySchema.optional(),
  lastSeenAfter: epoch,
});

/** Argument tuples of each `FeedbackStore` method, options included, for implementations. */
export const feedbackStoreArgumentSchemas = {
  commitOutcome: z.tuple([commitSchema(commitShape), storeOptions]),
  commitOutcomes: z.tuple([commitBatchSchema(commitSchema(commitShape)), storeOptions]),
  getOutcome: z.tuple([id, storeOptions]),
  listOutcomes: z.tuple([outcomeQuery, storeOptions]),
  getTrace: z.tuple([id, storeOptions]),
  getTraces: z.tuple([z.array(id).max(maxBatchCommits).readonly(), storeOptions]),
  listTraces: z.tuple([z.object({ ...pageFields, ...dayFields, segment }), storeOptions]),
  queryAggregates: z.tuple([z.object({ ...dayFields, segment }), storeOptions]),
  getArtifact: z.tuple([id, storeOptions]),
  putArtifact: z.tuple([artifact, writeOptions]),
  listArtifacts: z.tuple([artifactQuery, storeOptions]),
  getProblem: z.tuple([id, storeOptions]),
  putProblem: z.tuple([storable(problemSchema), writeOptions]),
  listProblems: z.tuple([problemQuery, storeOptions]),
} as const satisfies Record<FeedbackStoreMethod, z.ZodType>;
const fastCommitArguments = z.tuple([fastCommitSchema, storeOptions]);
const fastBatchArguments = z.tuple([commitBatchSchema(fastCommitSchema), storeOptions]);

/** Whether the flat parts of a commit pass the plain checks (zod then skips them). */
const isFastCommit = (commit: unknown) =>
  typeof commit === 'object' &&
  commit !== null &&
  isPlainTraceState((commit as Partial<OutcomeCommit>).trace) &&
  arePlainAggregateDeltas((commit as Partial<OutcomeCommit>).aggregateDeltas);

export type FeedbackStoreMethod = keyof FeedbackStore;

/** The validated argument tuple of each `FeedbackStore` method, as its parameters. */
export type FeedbackStoreArguments = {
  [Method in FeedbackStoreMethod]: Parameters<FeedbackStore[Method]>;
};

const parserOptions = { store: 'FeedbackStore', abortable: false } as const;
const parse = createStoreArgumentParser<FeedbackStoreArguments>(
  feedbackStoreArgumentSchemas,
  parserOptions,
);
// The same, for commits whose flat parts passed the plain checks (zod then skips them).
const parseFast = createStoreArgumentParser<FeedbackStoreArguments>(
  {
    ...feedbackStoreArgumentSchemas,
    commitOutcome: fastCommitArguments,
    commitOutcomes: fastBatchArguments,
  },
  parserOptions,
);

/**
 * Validates the arguments of a `FeedbackStore` method, options included, the way every
 * implementation must: throws `InvalidInputError` (code `invalid_input`, subject
 * `FeedbackStore.<method> arguments`) for a malformed argument or option (an `abortSignal` that is
 * not an AbortSignal, a missing `expectedRevision`), or a value not every store can keep
 * unchanged (NUL or lone surrogates in strings, keys over 512 UTF-8 bytes, fractional times,
 * non-JSON `data`, oversized documents). Shared so that the memory and the PostgreSQL stores
 * reject exactly the same input, before touching any data. Returns the parsed tuple (unknown
 * keys stripped): store that, not the arguments.
 */
export function parseFeedbackStoreArguments<Method extends FeedbackStoreMethod>(
  method: Method,
  args: readonly unknown[],
): FeedbackStoreArguments[Method] {
  const plain = plainCommitArguments(method, args);
  if (plain) return parsePlain(method, plain);
  if (method === 'commitOutcome' || method === 'commitOutcomes') {
    // The flat parts skip zod only as copies (read once): zod copies everything else.
    const copied = withCopiedFlatParts(method, args);
    const commits = method === 'commitOutcome' ? [copied[0]] : copied[0];
    if (Array.isArray(commits) && commits.every(isFastCommit)) return parseFast(method, copied);
  }
  return parse(method, args);
}

const withCopiedFlatParts = (method: FeedbackStoreMethod, args: readonly unknown[]) => {
  // Plain objects only: a class instance may hold its fields in prototype getters, which a
  // spread would leave out; it keeps the checks of its own fields as before.
  const copy = (commit: unknown) => {
    if (typeof commit !== 'object' || commit === null) return commit;
    const prototype = Object.getPrototypeOf(commit);
    if (prototype !== Object.prototype && prototype !== null) return commit;
    return { ...commit, ...copyFlatParts(commit as Record<string, unknown>) };
  };
  const [first, ...rest] = args;
  if (method === 'commitOutcome') return [copy(first), ...rest];
  return [Array.isArray(first) ? first.map(copy) : first, ...rest];
};

// The commits already checked and copied by `plainCommitArguments`; only the options are parsed.
const parsePlain = createStoreArgumentParser<FeedbackStoreArguments>(
  {
    ...feedbackStoreArgumentSchemas,
    commitOutcome: z.tuple([z.custom<OutcomeCommit>(), storeOptions]),
    commitOutcomes: z.tuple([z.custom<readonly OutcomeCommit[]>(), storeOptions]),
  },
  parserOptions,
);

/**
 * The arguments of a commit whose every commit is plain (`plainCommit`), with a batch that keeps
 * its rules (at most `maxBatchCommits`, an outcome id once, each trace chained): the most
 * common write then costs no zod parse and no storable walk. Undefined otherwise.
 */
function plainCommitArguments(method: FeedbackStoreMethod, args: readonly unknown[]) {
  if (method === 'commitOutcome') {
    const commit = plainCommit(args[0]);
    return commit ? [commit, ...args.slice(1)] : undefined;
  }
  if (method !== 'commitOutcomes') return undefined;
  const batch = args[0];
  if (!Array.isArray(batch) || batch.length > maxBatchCommits) return undefined;
  const commits: OutcomeCommit[] = [];
  const ids = new Set<string>();
  const revisions = new Map<string, number>();
  for (const entry of batch) {
    const commit = plainCommit(entry);
    if (!commit || ids.has(commit.outcome.id)) return undefined;
    ids.add(commit.outcome.id);
    const { traceId, revision } = commit.trace;
    const chained = revisions.get(traceId);
    if (chained !== undefined && commit.expectedTraceRevision !== chained) return undefined;
    revisions.set(traceId, revision);
    commits.push(commit);
  }
  return [commits, ...args.slice(1)];
}

/** The `invalid_input` of a cursor a store did not issue for this query. */
export function unknownCursorError(message = 'Unknown cursor'): InvalidInputError {
  return new InvalidInputError({
    subject: 'page query',
    issues: [{ path: 'cursor', message }],
  });
}
