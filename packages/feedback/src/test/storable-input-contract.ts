import { isDeepStrictEqual } from 'node:util';
import { GuardloopError } from '@guardloop/core';
import { expect, it } from 'vitest';
import type { OutcomeEvent } from '../schemas/outcome-event';
import { storableLimits } from '../schemas/storable-values';
import { encodePageCursor } from '../store/page-cursor';
import {
  artifactRecord,
  type CreateStore,
  commitEvent,
  commitFor,
  outcomeEvent,
  problemRecord,
} from './contract-fixtures';

const invalidInput = (error: unknown) => GuardloopError.hasCode(error, 'invalid_input');
const nul = 'a\u0000b';
const loneSurrogate = 'broken \ud800 text';
const longKey = 'k'.repeat(storableLimits.keyBytes + 1);
// Two-byte characters: within the length in code units, over the limit in UTF-8 bytes.
const longInBytes = 'é'.repeat(storableLimits.keyBytes / 2 + 1);

/** A commit of a decision on trace `t1` with `overrides` applied to the outcome and its trace. */
function commitWith(overrides: Partial<OutcomeEvent>) {
  return commitFor(undefined, outcomeEvent({ id: 'o1', traceId: 't1', ...overrides }));
}

class Money {
  constructor(readonly cents: number) {}
}

/**
 * Input the schemas accept in shape but not every store could keep unchanged: each store
 * answers `invalid_input` the same way, and writes nothing.
 */
export function storableInputContract(createStore: CreateStore): void {
  it('rejects strings PostgreSQL cannot keep in ids, keys, segments and documents', async () => {
    const store = await createStore();
    const rejected: Array<[string, () => Promise<unknown>]> = [
      ['NUL in an id', () => store.commitOutcome(commitWith({ id: nul }))],
      ['NUL in a trace id', () => store.commitOutcome(commitWith({ traceId: nul }))],
      ['NUL in a segment', () => store.commitOutcome(commitWith({ category: nul }))],
      ['NUL in a ticket', () => store.commitOutcome(commitWith({ ticketId: nul }))],
      ['key over the limit', () => store.commitOutcome(commitWith({ id: longKey }))],
      [
        'key over the limit in bytes',
        () => store.commitOutcome(commitWith({ queue: longInBytes })),
      ],
      [
        'lone surrogate in a jsonb string',
        () =>
          store.commitOutcome(
            commitWith({ type: 'reopened', reason: loneSurrogate } as Partial<OutcomeEvent>),
          ),
      ],
      [
        'NUL in a jsonb string',
        () =>
          store.commitOutcome(
            commitWith({ type: 'csat', score: 3, comment: nul } as Partial<OutcomeEvent>),
          ),
      ],
      [
        'a document over the size limit',
        () =>
          store.putArtifact(
            artifactRecord('big', {
              versions: artifactRecord('big').versions.map((version) => ({
                ...version,
                content: 'x'.repeat(storableLimits.documentChars + 1),
              })),
            }),
            { expectedRevision: null },
          ),
      ],
      [
        'fractional createdAt',
        () =>
          store.putArtifact(artifactRecord('a', { createdAt: 1.5 }), { expectedRevision: null }),
      ],
      [
        'fractional lastSeenAt',
        () => store.putProblem(problemRecord('p', { lastSeenAt: 1.5 }), { expectedRevision: null }),
      ],
      [
        'NUL in a fingerprint',
        () =>
          store.putProblem(problemRecord('p', { fingerprints: [nul] }), { expectedRevision: null }),
      ],
      [
        'lone surrogate in an artifact id',
        () => store.putArtifact(artifactRecord(loneSurrogate), { expectedRevision: null }),
      ],
      [
        'a fractional trace revision',
        () => {
          const commit = commitWith({});
          return store.commitOutcome({ ...commit, trace: { ...commit.trace, revision: 1.5 } });
        },
      ],
      [
        'a trace confidence over 1',
        () => {
          const commit = commitWith({});
          return store.commitOutcome({ ...commit, trace: { ...commit.trace, confidence: 2 } });
        },
      ],
      [
        'a trace of another trace id',
        () => {
          const commit = commitWith({});
          return store.commitOutcome({ ...commit, trace: { ...commit.trace, traceId: 'other' } });
        },
      ],
      [
        'a fractional aggregate delta',
        () => {
          const commit = commitWith({});
          const [delta] = commit.aggregateDeltas;
          const deltas = delta ? [{ ...delta, counters: { traces: 0.5 } }] : [];
          return store.commitOutcome({ ...commit, aggregateDeltas: deltas });
        },
      ],
      [
        'NUL in an aggregate bucket',
        () => {
          const commit = commitWith({});
          const [delta] = commit.aggregateDeltas;
          const deltas = delta ? [{ ...delta, queue: nul }] : [];
          return store.commitOutcome({ ...commit, aggregateDeltas: deltas });
        },
      ],
      ['NUL in a looked-up id', () => store.getOutcome(nul)],
      ['NUL in a trace lookup', () => store.getTrace(nul)],
      ['NUL in a trace filter', () => store.listOutcomes({ traceId: nul })],
      ['NUL in a segment filter', () => store.queryAggregates({ segment: { queue: nul } })],
      ['NUL in a fingerprint filter', () => store.listProblems({ fingerprint: nul })],
      ['a long key filter', () => store.listArtifacts({ category: longKey })],
      ['a fractional day', () => store.listTraces({ fromDay: 0.5 })],
      [
        'a forged cursor with NUL',
        () => store.listArtifacts({ cursor: encodePageCursor('artifacts', {}, [nul]) }),
      ],
      [
        'a forged cursor with a fraction',
        () => store.listOutcomes({ cursor: encodePageCursor('outcomes', {}, [1.5]) }),
      ],
    ];
    const accepted: string[] = [];
    for (const [name, call] of rejected) {
      const error = await call().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      if (!invalidInput(error)) accepted.push(`${name}: ${String(error)}`);
    }
    expect(accepted).toEqual([]);
    expect((await store.listOutcomes({})).items).toEqual([]);
    expect((await store.listArtifacts({})).items).toEqual([]);
    expect((await store.listProblems({})).items).toEqual([]);
  });

  it('keeps outcome data that is JSON exactly as given', async () => {
    const store = await createStore();
    const data = {
      note: 'Grüße 👋 "quoted" \\ back',
      nested: { list: [1, -2.5, 0.1, 1e300, 5e-324, true, false, null, 'x'], empty: {} },
      emptyList: [],
      zero: 0,
    };
    await commitEvent(store, outcomeEvent({ id: 'o1', traceId: 't1', data }));
    const stored = await store.getOutcome('o1');
    expect(isDeepStrictEqual(stored?.data, data)).toBe(true);
    const [listed] = (await store.listOutcomes({ traceId: 't1' })).items;
    expect(isDeepStrictEqual(listed?.data, data)).toBe(true);
  });

  it('rejects outcome data that is not JSON instead of changing it', async () => {
    const store = await createStore();
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let level = 0; level < storableLimits.jsonDepth + 1; level++) deep = { deep };
    const rejected: Record<string, unknown>[] = [
      { when: new Date(0) },
      { ratio: Number.NaN },
      { big: Number.POSITIVE_INFINITY },
      { gone: undefined },
      { list: [1, undefined] },
      { id: 10n },
      { map: new Map([['a', 1]]) },
      { money: new Money(5) },
      { zero: -0 },
      { text: loneSurrogate },
      { [nul]: 'key with NUL' },
      { call: () => 1 },
      deep,
      { huge: 'x'.repeat(storableLimits.dataChars + 1) },
    ];
    const accepted: string[] = [];
    for (const [index, data] of rejected.entries()) {
      const commit = commitFor(undefined, outcomeEvent({ id: `o${index}`, traceId: 't1' }));
      const error = await store
        .commitOutcome({ ...commit, outcome: { ...commit.outcome, data: data as never } })
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      if (!invalidInput(error)) accepted.push(`data #${index}: ${String(error)}`);
    }
    expect(accepted).toEqual([]);
    expect((await store.listOutcomes({})).items).toEqual([]);
  });
}
