import type { FeedbackStore, FeedbackStoreCallOptions } from '../store/feedback-store';
import type { FeedbackStoreMethod } from '../store/feedback-store-arguments';
import { artifactRecord, commitFor, outcomeEvent, problemRecord } from './contract-fixtures';

type Call = (store: FeedbackStore, options: FeedbackStoreCallOptions) => Promise<unknown>;

// A create (`expectedRevision: null`) with the options given; anything but an object as given.
const creating = (options: FeedbackStoreCallOptions) =>
  typeof options === 'object' && options !== null
    ? { expectedRevision: null, ...options }
    : (options as never);

/** One well-formed call of every `FeedbackStore` method, with the options given. */
export const wellFormedCalls: Record<FeedbackStoreMethod, Call> = {
  commitOutcome: (store, options) =>
    store.commitOutcome(commitFor(undefined, outcomeEvent({ id: 'o1', traceId: 't1' })), options),
  commitOutcomes: (store, options) =>
    store.commitOutcomes(
      [commitFor(undefined, outcomeEvent({ id: 'o1', traceId: 't1' }))],
      options,
    ),
  getOutcome: (store, options) => store.getOutcome('o1', options),
  listOutcomes: (store, options) => store.listOutcomes({}, options),
  getTrace: (store, options) => store.getTrace('t1', options),
  getTraces: (store, options) => store.getTraces(['t1'], options),
  listTraces: (store, options) => store.listTraces({}, options),
  queryAggregates: (store, options) => store.queryAggregates({}, options),
  getArtifact: (store, options) => store.getArtifact('a', options),
  putArtifact: (store, options) => store.putArtifact(artifactRecord('a'), creating(options)),
  listArtifacts: (store, options) => store.listArtifacts({}, options),
  getProblem: (store, options) => store.getProblem('p', options),
  putProblem: (store, options) => store.putProblem(problemRecord('p'), creating(options)),
  listProblems: (store, options) => store.listProblems({}, options),
};

/** The methods, in the order of the `FeedbackStore` interface. */
export const storeMethods = Object.keys(wellFormedCalls) as FeedbackStoreMethod[];
