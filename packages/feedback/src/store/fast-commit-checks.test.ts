import { createManualClock } from '@guardloop/core';
import { createSeededRandom } from '@guardloop/core/internal';
import { describe, expect, it } from 'vitest';
import { createOutcomeRecorder } from '../recorder/create-outcome-recorder';
import { storableDocumentIssue } from '../schemas/storable-values';
import type { TraceState } from '../schemas/trace-state';
import { plainCommit, plainCommitLimits, plainOutcomeEvent } from './fast-commit-checks';
import type { OutcomeCommit } from './feedback-store';
import {
  feedbackStoreArgumentSchemas,
  parseFeedbackStoreArguments,
} from './feedback-store-arguments';
import { createMemoryFeedbackStore } from './memory-feedback-store';

const at = Date.UTC(2026, 0, 5);

/** A commit as the recorder writes it: its trace and deltas are real. */
async function recordedCommit(): Promise<OutcomeCommit> {
  const store = createMemoryFeedbackStore();
  let captured: OutcomeCommit | undefined;
  const commitOutcome = store.commitOutcome.bind(store);
  store.commitOutcome = (commit, options) => {
    captured = commit;
    return commitOutcome(commit, options);
  };
  const recorder = createOutcomeRecorder({ store, clock: createManualClock(at) });
  await recorder.record({ id: 'o-1', traceId: 't-1', type: 'decision', verdict: 'allow', at });
  return captured as OutcomeCommit;
}

/** A copy of `trace` whose category is storable for its first `good` reads, then not. */
function withShiftingCategory(trace: TraceState, good: number) {
  let count = 0;
  const shifting = Object.defineProperty({ ...trace }, 'category', {
    enumerable: true,
    get() {
      count += 1;
      return count <= good ? trace.category : 'nul\u0000';
    },
  });
  return { trace: shifting, reads: () => count };
}

const base = { id: 'o-2', traceId: 't-1', at, category: 'billing', channel: 'email', queue: 'q' };
const common = { ...base, recordedAt: at, flags: [] };
/** One valid event of every type. */
const events: Record<string, Record<string, unknown>> = {
  decision: { type: 'decision', verdict: 'allow', confidence: 0.8, hypothesisId: 'h' },
  escalated: { type: 'escalated', reason: 'unsure', rail: 'pii' },
  routed: { type: 'routed', overridden: false, suggestedQueue: 'x' },
  deflected: { type: 'deflected', articleId: 'a' },
  article_suggested: { type: 'article_suggested', articleId: 'a', articleVersion: 2 },
  resolved: { type: 'resolved', firstContact: true, elapsedMs: 10 },
  reopened: { type: 'reopened', reason: 'still broken' },
  override: { type: 'override', proposed: 'a', actual: 'b' },
  csat: { type: 'csat', score: 4, comment: 'fine' },
  macro_used: { type: 'macro_used', macroId: 'm', editDistance: 3, originalText: '' },
  article_feedback: { type: 'article_feedback', articleId: 'a', helpful: true },
  first_response: { type: 'first_response', elapsedMs: 5 },
  returned: { type: 'returned' },
  human_decision: {
    type: 'human_decision',
    escalationId: 'e',
    decision: 'approved',
    reviewer: 'lea',
    decideMs: 4,
    slaBreached: false,
  },
  sla_breached: { type: 'sla_breached', escalationId: 'e', deadline: 'decide', lateMs: 1 },
  ticket_sla: {
    type: 'ticket_sla',
    policy: 'p',
    priority: 'high',
    metric: 'first_response',
    instance: 1,
    targetMs: 10,
    elapsedMs: 5,
    breached: false,
    completed: true,
  },
};

// Values a field may take in a probe: valid ones, and every way zod or the store would refuse.
const probes: unknown[] = [
  undefined,
  '',
  'x',
  '  padded ',
  'nul\u0000',
  'lone \ud800',
  'é'.repeat(9_000),
  'a'.repeat(20_000),
  0,
  1,
  -1,
  1.5,
  6,
  0.5,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  null,
  [],
  ['unknown_trace'],
  ['category'],
  ['nope'],
  {},
  { nested: 1 },
  'allow',
  'approved',
  'decide',
  'first_response',
];

describe('plainOutcomeEvent and plainCommit', () => {
  it('accept only what zod accepts, returning what zod returns', async () => {
    const recorded = await recordedCommit();
    const random = createSeededRandom(3);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
    const schema = feedbackStoreArgumentSchemas.commitOutcomes;
    let plain = 0;
    let checked = 0;
    for (let round = 0; round < 6_000; round++) {
      const type = pick(Object.keys(events));
      const outcome: Record<string, unknown> = { ...common, ...events[type] };
      // One to three fields changed, added or removed.
      const fields = [...Object.keys(outcome), 'data', 'diff', 'extra', 'comment', 'ticketId'];
      for (let change = 1 + Math.floor(random() * 3); change > 0; change--) {
        if (round % 7 === 0) break;
        const field = pick(fields);
        const value = pick(probes);
        if (value === undefined && random() < 0.5) delete outcome[field];
        else outcome[field] = value;
      }
      const commit = { ...recorded, outcome: { ...outcome, traceId: recorded.trace.traceId } };
      const fast = plainCommit(commit);
      const parsed = schema.safeParse([[commit], {}]);
      if (fast) {
        plain += 1;
        expect(parsed.success, JSON.stringify(commit.outcome)).toBe(true);
        expect(fast).toEqual(parsed.data?.[0][0]);
      }
      if (parsed.success) checked += 1;
    }
    // Both paths were exercised: most valid commits are plain, not every one.
    expect(plain).toBeGreaterThan(500);
    expect(checked).toBeGreaterThan(plain);
  });

  it('reads each field once and copies the arrays', () => {
    let reads = 0;
    const outcome = {
      ...common,
      ...events.csat,
      get score() {
        reads += 1;
        return reads === 1 ? 4 : 'not a score';
      },
    };
    const event = plainOutcomeEvent(outcome);
    expect(event).toMatchObject({ score: 4 });
    expect(reads).toBe(1);
    expect((event as { flags: unknown }).flags).not.toBe(outcome.flags);
    // A type that changes between reads is refused.
    let typeReads = 0;
    const shifty = {
      ...common,
      ...events.csat,
      get type() {
        typeReads += 1;
        return typeReads === 1 ? 'csat' : 'decision';
      },
    };
    expect(plainOutcomeEvent(shifty)).toBeUndefined();
  });

  it('reads each field of the trace and the deltas once, and returns copies', async () => {
    const recorded = await recordedCommit();
    const { trace, reads } = withShiftingCategory(recorded.trace, 1);
    const [delta] = recorded.aggregateDeltas;
    const commit = { ...recorded, trace, aggregateDeltas: [{ ...delta }] };
    const plain = plainCommit(commit);
    expect(reads()).toBe(1);
    expect(plain?.trace.category).toBe(recorded.trace.category);
    expect(plain?.trace).not.toBe(trace);
    expect(plain?.aggregateDeltas[0]).not.toBe(commit.aggregateDeltas[0]);
    expect(plain?.aggregateDeltas[0]?.counters).not.toBe(delta?.counters);
    // A non-record where a record belongs is still refused, copied or not.
    expect(
      plainCommit({ ...recorded, aggregateDeltas: [{ ...delta, counters: 5 }] }),
    ).toBeUndefined();
    expect(
      plainCommit({ ...recorded, trace: { ...recorded.trace, humanReviews: [5] } }),
    ).toBeUndefined();
  });

  it('hands the store copies of what it checked on the zod path too (an outcome with data)', async () => {
    const recorded = await recordedCommit();
    // Good for the two checks (the plain path's, then the fast path's), unstorable after.
    const { trace, reads } = withShiftingCategory(recorded.trace, 2);
    const outcome = { ...recorded.outcome, data: { source: 'test' } };
    const commit = { ...recorded, outcome, trace };
    const [parsed] = parseFeedbackStoreArguments('commitOutcome', [commit, {}]);
    expect(reads()).toBe(2);
    // The store writes the copy: reading it gives what was checked, not a third answer.
    expect(parsed.trace.category).toBe(recorded.trace.category);
    expect(reads()).toBe(2);
    expect(parsed.outcome).toMatchObject({ data: { source: 'test' } });
  });

  it('leaves to zod what it cannot bound: reflags, many deltas, many breakdowns', async () => {
    const recorded = await recordedCommit();
    expect(plainCommit(recorded)).toBeDefined();
    expect(plainCommit({ ...recorded, reflagged: [] })).toBeUndefined();
    const delta = recorded.aggregateDeltas[0];
    expect(delta).toBeDefined();
    const deltas = Array.from({ length: plainCommitLimits.deltas + 1 }, () => delta);
    expect(plainCommit({ ...recorded, aggregateDeltas: deltas })).toBeUndefined();
    const breakdown = { dimension: 'rail', key: 'k', counters: {} };
    const wide = {
      ...delta,
      breakdowns: Array.from({ length: plainCommitLimits.breakdownsPerDelta + 1 }, () => breakdown),
    };
    expect(plainCommit({ ...recorded, aggregateDeltas: [wide] })).toBeUndefined();
  });

  it('cannot pass a commit the storable walk would refuse: its largest is far below a document', async () => {
    const recorded = await recordedCommit();
    const longest = (bytes: number) => 'é'.repeat(bytes / 2);
    const outcome = {
      ...common,
      ...events.override,
      id: longest(512),
      traceId: recorded.trace.traceId,
      category: longest(512),
      channel: longest(512),
      queue: longest(512),
      ticketId: longest(512),
      proposed: longest(16 * 1024),
      actual: longest(16 * 1024),
      reason: longest(16 * 1024),
      by: longest(16 * 1024),
    };
    const breakdowns = Array.from({ length: plainCommitLimits.breakdownsPerDelta }, (_, index) => ({
      dimension: 'rail',
      key: `${longest(126)}${index}`,
      counters: { resolved: 1 },
    }));
    const delta = { ...recorded.aggregateDeltas[0], breakdowns };
    const commit = {
      ...recorded,
      outcome,
      aggregateDeltas: Array.from({ length: plainCommitLimits.deltas }, () => delta),
    };
    expect(plainCommit(commit)).toBeDefined();
    expect(storableDocumentIssue(commit)).toBeUndefined();
    expect(JSON.stringify(commit).length).toBeLessThan(1024 * 1024);
  });
});
