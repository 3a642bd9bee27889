import { createManualClock } from '@guardloop/core';
import { createSeededRandom } from '@guardloop/core/internal';
import { describe, expect, it } from 'vitest';
import { InvalidOutcomeError } from '../errors/invalid-outcome-error';
import { OutcomeConflictError } from '../errors/outcome-conflict-error';
import type { OutcomeInput } from '../schemas/outcome-input';
import type { FeedbackStore } from '../store/feedback-store';
import { createMemoryFeedbackStore } from '../store/memory-feedback-store';
import { readAllPages } from '../store/page';
import { createOutcomeRecorder } from './create-outcome-recorder';

const hour = 3_600_000;
const start = Date.UTC(2026, 0, 5, 9);
const clock = () => createManualClock(start + 48 * hour);

/** Per trace: a decision, then follow-ups an hour apart; shuffled, so many arrive late. */
function stream(seed: number, traces: number, perTrace: number): OutcomeInput[] {
  const random = createSeededRandom(seed);
  const inputs = Array.from({ length: traces }, (_, trace) =>
    Array.from({ length: perTrace }, (_, n): OutcomeInput => {
      const common = { id: `t${trace}-${n}`, traceId: `t${trace}`, at: start + n * hour };
      if (n === 0) return { ...common, type: 'decision', verdict: 'allow', category: 'billing' };
      const kinds: OutcomeInput[] = [
        { ...common, type: 'csat', score: 1 + (n % 5) },
        { ...common, type: 'resolved', firstContact: n % 2 === 0 },
        { ...common, type: 'reopened', reason: 'again' },
        { ...common, type: 'deflected' },
        { ...common, type: 'returned' },
      ];
      return kinds[Math.floor(random() * kinds.length)] as OutcomeInput;
    }),
  ).flat();
  for (let index = inputs.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [inputs[index], inputs[other]] = [inputs[other] as OutcomeInput, inputs[index] as OutcomeInput];
  }
  return inputs;
}

async function contents(store: FeedbackStore) {
  const outcomes = await readAllPages((cursor) => store.listOutcomes(cursor ? { cursor } : {}));
  const traces = await readAllPages((cursor) => store.listTraces(cursor ? { cursor } : {}));
  return {
    flags: Object.fromEntries(outcomes.map((outcome) => [outcome.id, outcome.flags])),
    traces: Object.fromEntries(
      traces.map(({ revision: _, ...trace }) => [trace.traceId, trace] as const),
    ),
    aggregates: await store.queryAggregates({}),
  };
}

/** A memory store counting the calls of each method. */
function countingStore() {
  const inner = createMemoryFeedbackStore();
  const calls: string[] = [];
  const store = Object.fromEntries(
    Object.entries(inner).map(([name, method]) => [
      name,
      (...args: unknown[]) => {
        calls.push(name);
        return (method as (...args: unknown[]) => unknown)(...args);
      },
    ]),
  ) as unknown as FeedbackStore;
  return { store, calls };
}

describe('recorder.recordMany', () => {
  it('ends with the states, flags and KPIs of recording the same outcomes one at a time', async () => {
    for (const seed of [1, 2, 3]) {
      const inputs = stream(seed, 6, 12);
      const batched = createMemoryFeedbackStore();
      const many = createOutcomeRecorder({ store: batched, clock: clock() });
      // Two calls: the second one lands on stored traces, many of its outcomes late.
      const results = [
        ...(await many.recordMany(inputs.slice(0, 40))),
        ...(await many.recordMany(inputs.slice(40))),
      ];
      expect(results.map((result) => result.outcome.id)).toEqual(inputs.map((input) => input.id));
      expect(new Set(results.map((result) => result.status))).toEqual(new Set(['recorded']));
      const single = createMemoryFeedbackStore();
      const one = createOutcomeRecorder({ store: single, clock: clock() });
      for (const input of inputs) await one.record(input);
      expect(await contents(batched)).toEqual(await contents(single));
    }
  });

  it('writes a batch of new traces, or of traces it wrote, in one call', async () => {
    const { store, calls } = countingStore();
    const recorder = createOutcomeRecorder({ store, clock: clock() });
    const inputs = stream(4, 10, 5).sort((a, b) => Number(a.at) - Number(b.at));
    await recorder.recordMany(inputs);
    expect(calls).toEqual(['commitOutcomes']);
    // Follow-ups on the same traces: the states it wrote are its guess, nothing to read.
    await recorder.recordMany(
      inputs.map((input) => ({
        ...input,
        id: `again-${input.id}`,
        at: Number(input.at) + 50 * hour,
      })),
    );
    expect(calls).toEqual(['commitOutcomes', 'commitOutcomes']);
  });

  it('reports resent outcomes as duplicates, also within one call', async () => {
    const recorder = createOutcomeRecorder({ store: createMemoryFeedbackStore(), clock: clock() });
    const inputs = stream(5, 3, 4);
    await recorder.recordMany(inputs);
    const again = await recorder.recordMany([...inputs, inputs[0] as OutcomeInput]);
    expect(again.map((result) => result.status)).toEqual([...inputs, 0].map(() => 'duplicate'));
    const fresh = { id: 'x', traceId: 'tx', type: 'decision', verdict: 'allow' } as const;
    const twice = await recorder.recordMany([fresh, fresh]);
    expect(twice.map((result) => result.status)).toEqual(['recorded', 'duplicate']);
    await expect(recorder.recordMany([{ ...fresh, verdict: 'deny' }])).rejects.toSatisfy(
      OutcomeConflictError.isInstance,
    );
  });

  it('validates every input before writing any', async () => {
    const store = createMemoryFeedbackStore();
    const recorder = createOutcomeRecorder({ store, clock: clock() });
    const valid = { traceId: 't1', type: 'decision', verdict: 'allow' } as const;
    await expect(
      recorder.recordMany([valid, { traceId: 't2', type: 'csat', score: 9 } as never]),
    ).rejects.toSatisfy(InvalidOutcomeError.isInstance);
    await expect(recorder.recordMany('nope' as never)).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect((await store.listOutcomes({})).items).toEqual([]);
  });

  it('reads again and re-folds when another writer moved a trace meanwhile', async () => {
    const shared = createMemoryFeedbackStore();
    const other = createOutcomeRecorder({ store: shared, clock: clock() });
    let raced = false;
    const store: FeedbackStore = {
      ...shared,
      async commitOutcomes(commits, options) {
        if (!raced) {
          raced = true;
          await other.record({ id: 'other', traceId: 't0', type: 'csat', score: 5, at: start });
        }
        return shared.commitOutcomes(commits, options);
      },
    };
    const recorder = createOutcomeRecorder({ store, clock: clock() });
    const inputs = stream(6, 2, 6);
    const results = await recorder.recordMany(inputs);
    expect(new Set(results.map((result) => result.status))).toEqual(new Set(['recorded']));
    const reference = createMemoryFeedbackStore();
    const one = createOutcomeRecorder({ store: reference, clock: clock() });
    await one.record({ id: 'other', traceId: 't0', type: 'csat', score: 5, at: start });
    for (const input of inputs) await one.record(input);
    expect(await contents(shared)).toEqual(await contents(reference));
  });
});
