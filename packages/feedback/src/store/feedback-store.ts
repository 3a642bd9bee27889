import type { Artifact, ArtifactKind } from '../artifacts/artifact-schemas';
import type { Problem, ProblemStatus } from '../problems/problem-schemas';
import type { KpiCounters } from '../schemas/kpi-counters';
import type { OutcomeEvent, OutcomeFlag, StoredOutcome } from '../schemas/outcome-event';
import type { OutcomeType } from '../schemas/outcome-payloads';
import type { Segment, SegmentFilter } from '../schemas/segment';
import type { TraceState } from '../schemas/trace-state';

export interface StoreOptions {
  abortSignal?: AbortSignal | undefined;
}

/** Compare-and-set: the revision the caller read, or `null` when the record must not exist yet. */
export interface WriteOptions extends StoreOptions {
  expectedRevision: number | null;
}

/** Counter changes for one (UTC day × segment) bucket; values may be negative. */
export interface AggregateDelta extends Segment {
  day: number;
  counters: Partial<KpiCounters>;
}

export interface AggregateRow extends Segment {
  day: number;
  counters: KpiCounters;
}

/** New flags for an outcome already stored on the commit's trace. */
export interface OutcomeReflag {
  id: string;
  flags: OutcomeFlag[];
}

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

export type CommitResult =
  | { status: 'recorded'; outcome: StoredOutcome }
  /** An outcome with this id exists: nothing was written; `outcome` is the stored one. */
  | { status: 'duplicate'; outcome: StoredOutcome }
  /** The trace's revision moved since it was read: nothing was written; read and retry. */
  | { status: 'conflict' };

export type PutResult<Record> = { ok: true; record: Record } | { ok: false; current?: Record };

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
 * implementation needs one transaction per `commitOutcome` and `UPDATE ... WHERE revision = $n`.
 * Every implementation validates its arguments with `parseFeedbackStoreArgument` (`invalid_input`
 * for anything not every store can keep) and pages with `encodePageCursor`/`decodePageCursor`.
 * Check an implementation with `runFeedbackStoreContract` from `@guardloop/feedback/test`.
 */
export interface FeedbackStore {
  /**
   * In order: an outcome with the same id exists -> `duplicate`; the trace revision differs from
   * `expectedTraceRevision` -> `conflict`; else insert the outcome (assigning `sequence`), write the
   * trace, rewrite the flags of `reflagged` outcomes and add every aggregate delta (creating
   * zeroed buckets) -> `recorded`.
   */
  commitOutcome(commit: OutcomeCommit, options?: StoreOptions): Promise<CommitResult>;
  getOutcome(id: string, options?: StoreOptions): Promise<StoredOutcome | undefined>;
  /** Ordered by `sequence`, ascending. */
  listOutcomes(query: OutcomeQuery, options?: StoreOptions): Promise<Page<StoredOutcome>>;
  getTrace(traceId: string, options?: StoreOptions): Promise<TraceState | undefined>;
  /** In the order traces were first written, each trace once. */
  listTraces(query: TraceQuery, options?: StoreOptions): Promise<Page<TraceState>>;
  /** Matching buckets in any order; buckets whose counters are all zero may be left out. */
  queryAggregates(query: AggregateQuery, options?: StoreOptions): Promise<AggregateRow[]>;
  getArtifact(id: string, options?: StoreOptions): Promise<Artifact | undefined>;
  putArtifact(artifact: Artifact, options: WriteOptions): Promise<PutResult<Artifact>>;
  /** Ordered by id. */
  listArtifacts(query: ArtifactQuery, options?: StoreOptions): Promise<Page<Artifact>>;
  getProblem(id: string, options?: StoreOptions): Promise<Problem | undefined>;
  putProblem(problem: Problem, options: WriteOptions): Promise<PutResult<Problem>>;
  /**
   * Ordered by `lastSeenAt` descending, then id. Pages follow the (lastSeenAt, id) of the last
   * item: a problem whose `lastSeenAt` moves between two pages may be listed twice or not at all.
   */
  listProblems(query: ProblemQuery, options?: StoreOptions): Promise<Page<Problem>>;
}
