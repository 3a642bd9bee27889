import type { Artifact, ArtifactKind } from '../artifacts/artifact-schemas';
import type { Problem, ProblemStatus } from '../problems/problem-schemas';
import type { BreakdownDelta, BreakdownRow } from '../schemas/breakdown-counters';
import type { KpiCounters } from '../schemas/kpi-counters';
import type { OutcomeEvent, OutcomeFlag, StoredOutcome } from '../schemas/outcome-event';
import type { OutcomeType } from '../schemas/outcome-payloads';
import type { Segment, SegmentFilter } from '../schemas/segment';
import type { TraceState } from '../schemas/trace-state';

/** Options of every `FeedbackStore` read and of `commitOutcome`. */
export interface FeedbackStoreCallOptions {
  /**
   * Rejects the call with `abortSignal.reason` when aborted before it completes. A write already
   * on its way to the database may still complete.
   */
  abortSignal?: AbortSignal | undefined;
}

/**
 * Options of `putArtifact` and `putProblem`, a compare-and-set: the revision the caller read, or
 * `null` when the record must not exist yet.
 */
export interface FeedbackStoreWriteOptions extends FeedbackStoreCallOptions {
  expectedRevision: number | null;
}

/**
 * Options of the feedback APIs built on a store (recorder, KPIs, router, registry, tracker):
 * passed on to the store calls they make.
 */
export interface FeedbackCallOptions {
  abortSignal?: AbortSignal | undefined;
}

/** Counter changes for one (UTC day × segment) bucket; values may be negative. */
export interface AggregateDelta extends Segment {
  day: number;
  counters: Partial<KpiCounters>;
  /** Changes of the per-rail and per-action human review counters of this bucket. */
  breakdowns?: readonly BreakdownDelta[];
}

export interface AggregateRow extends Segment {
  day: number;
  counters: KpiCounters;
  /**
   * The bucket's per-rail and per-action human review counters, in any order; keys whose
   * counters are all zero are left out, and so is the field when none is left.
   */
  breakdowns?: BreakdownRow[];
}

/** New flags for an outcome already stored on the commit's trace. */
export interface OutcomeReflag {
  id: string;
  flags: OutcomeFlag[];
}

/** Most commits one `commitOutcomes` call (and trace ids one `getTraces` call) may take. */
export const maxBatchCommits = 1000;

/** One recorder write: applied all-or-nothing. */
export interface OutcomeCommit {
  outcome: OutcomeEvent;
  /** The trace after this outcome; its `revision` is `expectedTraceRevision + 1` (or 1). */
  trace: TraceState;
  expectedTraceRevision: number | null;
  aggregateDeltas: readonly AggregateDelta[];
  /**
   * Stored outcomes of the same trace whose flags a re-fold changed (a late arrival, in time
   * order, can make an earlier resolution the first one). Written in the same commit; ids not
   * stored on this trace are ignored.
   */
  reflagged?: readonly OutcomeReflag[];
}

export type FeedbackCommitResult =
  | { status: 'recorded'; outcome: StoredOutcome }
  /** An outcome with this id exists: nothing was written; `outcome` is the stored one. */
  | { status: 'duplicate'; outcome: StoredOutcome }
  /** The trace's revision moved since it was read: nothing was written; read and retry. */
  | { status: 'conflict' };

export type FeedbackPutResult<Record> =
  | { ok: true; record: Record }
  | { ok: false; current?: Record };

export interface Page<Item> {
  items: Item[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

export interface PageQuery {
  /**
   * `nextCursor` of the previous page of the same query: a cursor of another query (other
   * filters) or one the store did not issue is `invalid_input`. Pages are keyset pages: items
   * written between two pages neither repeat nor shift them.
   */
  cursor?: string;
  /** Default 100, at most 1000. */
  limit?: number;
}

export interface OutcomeQuery extends PageQuery {
  traceId?: string;
  ticketId?: string;
  types?: readonly OutcomeType[];
  /** On `at`, half-open `[from, to)`. */
  from?: number;
  to?: number;
  segment?: SegmentFilter;
  flag?: OutcomeFlag;
}

export interface TraceQuery extends PageQuery {
  fromDay?: number;
  toDay?: number;
  segment?: SegmentFilter;
}

/** Day buckets in `[fromDay, toDay)` (UTC day starts, epoch ms) matching the segment filter. */
export interface AggregateQuery {
  fromDay?: number;
  toDay?: number;
  segment?: SegmentFilter;
}

export interface ArtifactQuery extends PageQuery {
  kind?: ArtifactKind;
  category?: string;
}

export interface ProblemQuery extends PageQuery {
  statuses?: readonly ProblemStatus[];
  /** Problems whose `fingerprints` contain this one. */
  fingerprint?: string;
  category?: string;
  lastSeenAfter?: number;
}

/**
 * Persistence for outcomes, per-trace state, KPI aggregates, artifacts and problems. Every method
 * rejects with `abortSignal.reason` when aborted. Writes are compare-and-set on `revision`, so a SQL
 * implementation needs `commitOutcome` and `commitOutcomes` atomic (one statement or transaction)
 * with `UPDATE ... WHERE revision = $n`.
 * Every method validates its arguments, options included, with `parseFeedbackStoreArguments`
 * (`invalid_input` for anything not every store can keep) before it checks the abort, and pages
 * with `encodePageCursor`/`decodePageCursor` of `@guardloop/feedback/internal`.
 * Check an implementation with `runFeedbackStoreContract` from `@guardloop/feedback/test`.
 */
export interface FeedbackStore {
  /**
   * In order: an outcome with the same id exists -> `duplicate`; the trace revision differs from
   * `expectedTraceRevision` -> `conflict`; else insert the outcome (assigning `sequence`), write the
   * trace, rewrite the flags of `reflagged` outcomes and add every aggregate delta (creating
   * zeroed buckets) -> `recorded`.
   */
  commitOutcome(
    commit: OutcomeCommit,
    options?: FeedbackStoreCallOptions,
  ): Promise<FeedbackCommitResult>;
  /**
   * Several commits in one write (a SQL store: one statement). Commits of one trace form a
   * chain: each expects the revision of the trace the one before wrote (`invalid_input`
   * otherwise, and for an outcome id given twice); at most `maxBatchCommits`. Each trace is
   * all-or-nothing and independent of the others: when one of its outcomes is stored already or
   * the first commit's `expectedTraceRevision` differs, none of its commits is written (results:
   * `duplicate` for the stored outcomes, `conflict` for the others); else all are `recorded`, in
   * order. One result per commit, in the order given.
   */
  commitOutcomes(
    commits: readonly OutcomeCommit[],
    options?: FeedbackStoreCallOptions,
  ): Promise<FeedbackCommitResult[]>;
  getOutcome(id: string, options?: FeedbackStoreCallOptions): Promise<StoredOutcome | undefined>;
  /** Ordered by `sequence`, ascending. */
  listOutcomes(
    query: OutcomeQuery,
    options?: FeedbackStoreCallOptions,
  ): Promise<Page<StoredOutcome>>;
  getTrace(traceId: string, options?: FeedbackStoreCallOptions): Promise<TraceState | undefined>;
  /** One entry per id given (at most `maxBatchCommits`), `undefined` for a trace not stored. */
  getTraces(
    traceIds: readonly string[],
    options?: FeedbackStoreCallOptions,
  ): Promise<(TraceState | undefined)[]>;
  /** In the order traces were first written, each trace once. */
  listTraces(query: TraceQuery, options?: FeedbackStoreCallOptions): Promise<Page<TraceState>>;
  /** Matching buckets in any order; buckets whose counters are all zero may be left out. */
  queryAggregates(
    query: AggregateQuery,
    options?: FeedbackStoreCallOptions,
  ): Promise<AggregateRow[]>;
  getArtifact(id: string, options?: FeedbackStoreCallOptions): Promise<Artifact | undefined>;
  putArtifact(
    artifact: Artifact,
    options: FeedbackStoreWriteOptions,
  ): Promise<FeedbackPutResult<Artifact>>;
  /** Ordered by id. */
  listArtifacts(query: ArtifactQuery, options?: FeedbackStoreCallOptions): Promise<Page<Artifact>>;
  getProblem(id: string, options?: FeedbackStoreCallOptions): Promise<Problem | undefined>;
  putProblem(
    problem: Problem,
    options: FeedbackStoreWriteOptions,
  ): Promise<FeedbackPutResult<Problem>>;
  /**
   * Ordered by `lastSeenAt` descending, then id. Pages follow the (lastSeenAt, id) of the last
   * item: a problem whose `lastSeenAt` moves between two pages may be listed twice or not at all.
   */
  listProblems(query: ProblemQuery, options?: FeedbackStoreCallOptions): Promise<Page<Problem>>;
}
