import { expect, it } from 'vitest';
import {
  artifactRecord,
  commitFor,
  type MakeStore,
  outcomeEvent,
  problemRecord,
} from './contract-fixtures';

/** Every method rejects with the signal's reason once aborted, and writes nothing. */
export function abortContract(makeStore: MakeStore): void {
  it('rejects every method with the abort reason', async () => {
    const store = await makeStore();
    const controller = new AbortController();
    const reason = new Error('aborted by test');
    controller.abort(reason);
    const abortSignal = controller.signal;
    const calls = [
      store.commitOutcome(commitFor(undefined, outcomeEvent({ id: 'o1', traceId: 't1' })), {
        abortSignal,
      }),
      store.getOutcome('o1', { abortSignal }),
      store.listOutcomes({}, { abortSignal }),
      store.getTrace('t1', { abortSignal }),
      store.listTraces({}, { abortSignal }),
      store.queryAggregates({}, { abortSignal }),
      store.getArtifact('a', { abortSignal }),
      store.putArtifact(artifactRecord('a'), { expectedRevision: null, abortSignal }),
      store.listArtifacts({}, { abortSignal }),
      store.getProblem('p', { abortSignal }),
      store.putProblem(problemRecord('p'), { expectedRevision: null, abortSignal }),
      store.listProblems({}, { abortSignal }),
    ];
    for (const call of calls) await expect(call).rejects.toBe(reason);
    expect(await store.getOutcome('o1')).toBeUndefined();
    expect(await store.getArtifact('a')).toBeUndefined();
    expect(await store.getProblem('p')).toBeUndefined();
  });
}
