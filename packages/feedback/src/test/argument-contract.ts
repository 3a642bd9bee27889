import { GuardloopError } from '@guardloop/core';
import { expect, it } from 'vitest';
import type { FeedbackStore, FeedbackStoreCallOptions } from '../store/feedback-store';
import type { FeedbackStoreMethod } from '../store/feedback-store-arguments';
import {
  artifactRecord,
  type CreateStore,
  commitFor,
  outcomeEvent,
  problemRecord,
} from './contract-fixtures';
import { storeMethods, wellFormedCalls } from './store-calls';

type Call = (store: FeedbackStore, options: FeedbackStoreCallOptions) => Promise<unknown>;
type Malformed = Array<[string, Call]>;

const commit = () => commitFor(undefined, outcomeEvent({ id: 'o1', traceId: 't1' }));
const create = { expectedRevision: null };

/** Calls with a malformed argument, per method; `options` are passed on where the method takes them. */
const malformedArguments: Record<FeedbackStoreMethod, Malformed> = {
  commitOutcome: [
    ['no commit', (store, options) => store.commitOutcome(undefined as never, options)],
    [
      'a negative time',
      (store, options) =>
        store.commitOutcome({ ...commit(), outcome: { ...commit().outcome, at: -1 } }, options),
    ],
    [
      'revision 0',
      (store, options) => store.commitOutcome({ ...commit(), expectedTraceRevision: 0 }, options),
    ],
    [
      'an unknown counter',
      (store, options) => {
        const counters = { tickets: 1 } as never;
        return store.commitOutcome(
          { ...commit(), aggregateDeltas: [{ ...commit().trace, counters }] },
          options,
        );
      },
    ],
  ],
  commitOutcomes: [
    ['no list', (store, options) => store.commitOutcomes(commit() as never, options)],
    ['an id twice', (store, options) => store.commitOutcomes([commit(), commit()], options)],
    [
      'a broken chain',
      (store, options) => {
        const next = commitFor(undefined, outcomeEvent({ id: 'o2', traceId: 't1' }));
        return store.commitOutcomes([commit(), next], options);
      },
    ],
  ],
  getOutcome: [['a number id', (store, options) => store.getOutcome(42 as never, options)]],
  listOutcomes: [
    [
      'types as a string',
      (store, options) => store.listOutcomes({ types: 'resolved' as never }, options),
    ],
    ['a fractional time', (store, options) => store.listOutcomes({ from: 0.5 }, options)],
    ['no query', (store, options) => store.listOutcomes(undefined as never, options)],
  ],
  getTrace: [['no id', (store, options) => store.getTrace(undefined as never, options)]],
  getTraces: [['a number id', (store, options) => store.getTraces([42 as never], options)]],
  listTraces: [
    [
      'a misspelt segment field',
      (store, options) => store.listTraces({ segment: { categroy: 'x' } as never }, options),
    ],
  ],
  queryAggregates: [
    ['a null query', (store, options) => store.queryAggregates(null as never, options)],
  ],
  getArtifact: [['an empty id', (store, options) => store.getArtifact('', options)]],
  putArtifact: [
    [
      'an unknown kind',
      (store, options) =>
        store.putArtifact(
          { ...artifactRecord('a'), kind: 'poem' as never },
          { ...create, ...options },
        ),
    ],
    [
      'duplicate version numbers',
      (store, options) => {
        const artifact = artifactRecord('a');
        const versions = [...artifact.versions, ...artifact.versions];
        return store.putArtifact({ ...artifact, versions }, { ...create, ...options });
      },
    ],
    ['no options', (store) => store.putArtifact(artifactRecord('a'), undefined as never)],
    [
      'revision 0',
      (store, options) =>
        store.putArtifact(artifactRecord('a'), { ...options, expectedRevision: 0 }),
    ],
  ],
  listArtifacts: [
    ['a string limit', (store, options) => store.listArtifacts({ limit: '10' as never }, options)],
  ],
  getProblem: [['an object id', (store, options) => store.getProblem({} as never, options)]],
  putProblem: [
    [
      'an unknown status',
      (store, options) =>
        store.putProblem(problemRecord('p', { status: 'done' as never }), {
          ...create,
          ...options,
        }),
    ],
    ['no options', (store) => store.putProblem(problemRecord('p'), undefined as never)],
    [
      'a string revision',
      (store, options) =>
        store.putProblem(problemRecord('p'), { ...options, expectedRevision: '1' as never }),
    ],
  ],
  listProblems: [
    [
      'an unknown status',
      (store, options) => store.listProblems({ statuses: ['closed' as never] }, options),
    ],
  ],
};

/** What each call rejected with that is not an `invalid_input` naming `method`. */
async function notRejected(
  store: FeedbackStore,
  method: FeedbackStoreMethod,
  calls: Malformed,
  options: FeedbackStoreCallOptions,
): Promise<string[]> {
  const accepted: string[] = [];
  for (const [name, call] of calls) {
    const error = await call(store, options).then(
      () => 'resolved',
      (caught: unknown) => caught,
    );
    const named = error instanceof Error && error.message.includes(method);
    if (!GuardloopError.hasCode(error, 'invalid_input') || !named) {
      accepted.push(`${name}: ${String(error)}`);
    }
  }
  return accepted;
}

/**
 * Malformed arguments and options of every method are `invalid_input` (an `InvalidInputError`
 * naming the method, as `parseFeedbackStoreArguments` throws it), checked before the abort, and
 * write nothing.
 */
export function argumentContract(createStore: CreateStore): void {
  it.each(storeMethods)('rejects malformed arguments of %s with invalid_input', async (method) => {
    const store = await createStore();
    const calls: Malformed = [
      ...malformedArguments[method],
      [
        'an abortSignal that is not an AbortSignal',
        (target) => wellFormedCalls[method](target, { abortSignal: 'stop' as never }),
      ],
      [
        'options that are not an object',
        (target) => wellFormedCalls[method](target, 'fast' as never),
      ],
    ];
    expect(await notRejected(store, method, calls, {})).toEqual([]);
    expect(await store.getOutcome('o1')).toBeUndefined();
    expect(await store.queryAggregates({})).toEqual([]);
    expect(await store.getArtifact('a')).toBeUndefined();
    expect(await store.getProblem('p')).toBeUndefined();
  });

  it('checks the arguments before the abort', async () => {
    const store = await createStore();
    const options = { abortSignal: AbortSignal.abort() };
    const accepted: string[] = [];
    for (const method of storeMethods) {
      const found = await notRejected(store, method, malformedArguments[method], options);
      accepted.push(...found.map((entry) => `${method}, ${entry}`));
    }
    expect(accepted).toEqual([]);
  });
}
