import { createManualClock } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createKpis } from '../kpi/create-kpis';
import { dayMs } from '../schemas/time-range';
import { createMemoryFeedbackStore } from '../store/memory-feedback-store';
import { fixtureDay, outcomeEvent } from '../test/contract-fixtures';
import { outcomeStreams, recordAll, shuffled } from '../test/outcome-streams';
import { createOutcomeRecorder } from './create-outcome-recorder';
import { compareOutcomeOrder, foldOutcomes } from './fold-outcomes';

const range = { from: fixtureDay, to: fixtureDay + 3 * dayMs };

describe('folding outcomes in time order', () => {
  it('gives every one of 300 seeded shuffled streams the KPIs of the same stream in time order', async () => {
    const disagreements: string[] = [];
    for (const [index, stream] of outcomeStreams(2026, 300).entries()) {
      const ordered = createMemoryFeedbackStore();
      const late = createMemoryFeedbackStore();
      const clock = await recordAll(ordered, stream);
      await recordAll(late, shuffled(stream, index));
      const expected = await createKpis({ store: ordered, clock }).queryKpis(range);
      const actual = await createKpis({ store: late, clock }).queryKpis(range);
      if (JSON.stringify(actual) !== JSON.stringify(expected))
        disagreements.push(`stream ${index}`);
    }
    expect(disagreements).toEqual([]);
  });

  it('orders by time, then by recording sequence, an unstored outcome last', () => {
    const at = fixtureDay;
    const items = [{ at: at + 1, sequence: 1 }, { at, sequence: 3 }, { at }, { at, sequence: 2 }];
    expect(items.sort(compareOutcomeOrder)).toEqual([
      { at, sequence: 2 },
      { at, sequence: 3 },
      { at },
      { at: at + 1, sequence: 1 },
    ]);
  });

  it('breaks a tie of two resolutions by recording order', async () => {
    const store = createMemoryFeedbackStore();
    const recorder = createOutcomeRecorder({ store, clock: createManualClock(fixtureDay) });
    const at = fixtureDay + 1000;
    await recorder.record({ id: 'd', type: 'decision', traceId: 't', verdict: 'allow', at: 0 });
    await recorder.record({ id: 'a', type: 'resolved', traceId: 't', firstContact: true, at });
    await recorder.record({ id: 'b', type: 'resolved', traceId: 't', firstContact: false, at });
    expect((await store.getOutcome('b'))?.flags).toEqual(['already_resolved']);
    expect(await store.getTrace('t')).toMatchObject({ firstContact: true, resolutions: 1 });
  });

  it('flags follow-ups unknown_trace while nothing started the trace', () => {
    const csat = outcomeEvent({ id: 'c', traceId: 't', type: 'csat', score: 4 });
    expect(foldOutcomes([csat], { deflectionWindowMs: 1 }).flags.get('c')).toEqual([
      'unknown_trace',
    ]);
    const started = foldOutcomes([csat, outcomeEvent({ id: 'd', traceId: 't', at: csat.at + 1 })], {
      deflectionWindowMs: 1,
    });
    expect(started.flags.get('c')).toEqual([]);
    expect(started.trace).toMatchObject({ known: true, outcomes: 2, csatResponses: 1 });
  });
});
