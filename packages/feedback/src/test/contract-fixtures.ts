import type { Artifact } from '../artifacts/artifact-schemas';
import type { Problem } from '../problems/problem-schemas';
import { aggregateDeltas } from '../recorder/aggregate-deltas';
import { applyOutcome } from '../recorder/apply-outcome';
import type { OutcomeEvent } from '../schemas/outcome-event';
import type { TraceState } from '../schemas/trace-state';
import type { FeedbackStore, OutcomeCommit } from '../store/feedback-store';

/** 2026-01-05T00:00:00Z: the day the fixtures happen on. */
export const fixtureDay = Date.UTC(2026, 0, 5);

/** Returns a fresh, empty store; called once per test. */
export type CreateStore = () => FeedbackStore | Promise<FeedbackStore>;

/** A complete decision outcome (override any field, including `type`-specific ones). */
export function outcomeEvent(
  overrides: Partial<OutcomeEvent> & { id: string; traceId: string },
): OutcomeEvent {
  return {
    type: 'decision',
    verdict: 'allow',
    confidence: 0.8,
    at: fixtureDay + 3_600_000,
    recordedAt: fixtureDay + 3_600_000,
    category: 'billing',
    channel: 'email',
    queue: 'tier-1',
    flags: [],
    ...overrides,
  } as OutcomeEvent;
}

/** The commit a recorder would send for `event` on top of `previous`. */
export function commitFor(previous: TraceState | undefined, event: OutcomeEvent): OutcomeCommit {
  const { trace } = applyOutcome(previous, event, { deflectionWindowMs: 72 * 3_600_000 });
  return {
    outcome: event,
    trace,
    expectedTraceRevision: previous?.revision ?? null,
    aggregateDeltas: aggregateDeltas(previous, trace),
  };
}

/** Records `event` on its trace's current state, as the recorder would. */
export async function commitEvent(store: FeedbackStore, event: OutcomeEvent) {
  return store.commitOutcome(commitFor(await store.getTrace(event.traceId), event));
}

export function artifactRecord(id: string, overrides: Partial<Artifact> = {}): Artifact {
  return {
    id,
    kind: 'macro',
    name: `Macro ${id}`,
    scope: {},
    revision: 1,
    activeVersion: 1,
    versions: [
      {
        version: 1,
        content: 'Hello.',
        status: 'active',
        origin: 'authored',
        createdAt: fixtureDay,
        createdBy: 'ana',
        reviews: [],
      },
    ],
    history: [{ at: fixtureDay, action: 'created', version: 1, by: 'ana' }],
    createdAt: fixtureDay,
    updatedAt: fixtureDay,
    ...overrides,
  };
}

export function problemRecord(id: string, overrides: Partial<Problem> = {}): Problem {
  return {
    id,
    revision: 1,
    status: 'candidate',
    category: 'billing',
    fingerprints: ['fp-1'],
    firstSeenAt: fixtureDay,
    lastSeenAt: fixtureDay,
    incidentCount: 1,
    incidents: [{ traceId: 't1', at: fixtureDay, matchedBy: 'new' }],
    createdAt: fixtureDay,
    updatedAt: fixtureDay,
    ...overrides,
  };
}
