import { createManualClock } from '@guardloop/core';
import { createSeededRandom } from '../learning/create-seeded-random';
import { createOutcomeRecorder } from '../recorder/create-outcome-recorder';
import type { OutcomeInput } from '../schemas/outcome-input';
import type { FeedbackStore } from '../store/feedback-store';
import { fixtureDay } from './contract-fixtures';

const hour = 3_600_000;

/**
 * Seeded outcome streams, one trace each: 2 to 7 outcomes of every kind (segment moves and
 * human reviews included) at distinct times within two days, listed in time order. Distinct times, because
 * ties are folded in recording order, which a shuffle changes on purpose.
 */
export function outcomeStreams(seed: number, count: number): OutcomeInput[][] {
  const random = createSeededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  return Array.from({ length: count }, (_, stream) => {
    const traceId = `s${seed}-${stream}`;
    const length = 2 + Math.floor(random() * 6);
    const offsets = new Set<number>();
    while (offsets.size < length) offsets.add(Math.floor(random() * 48) * hour);
    return [...offsets]
      .sort((a, b) => a - b)
      .map((offset, index): OutcomeInput => {
        const common = {
          id: `${traceId}-${index}`,
          traceId,
          at: fixtureDay + offset,
          ...(random() < 0.5 ? { ticketId: `k-${traceId}` } : {}),
          ...(random() < 0.2 ? { category: pick(['billing', 'tech']) } : {}),
        };
        return pick<OutcomeInput>([
          { ...common, type: 'decision', verdict: 'allow', confidence: 0.5 },
          { ...common, type: 'escalated' },
          { ...common, type: 'routed', queue: pick(['q1', 'q2']) },
          { ...common, type: 'deflected' },
          { ...common, type: 'resolved', firstContact: random() < 0.6 },
          { ...common, type: 'resolved', firstContact: random() < 0.6 },
          { ...common, type: 'reopened', reason: 'again' },
          { ...common, type: 'override', proposed: 'a', actual: 'b', confidence: 0.7 },
          { ...common, type: 'csat', score: 1 + Math.floor(random() * 5) },
          { ...common, type: 'first_response' },
          { ...common, type: 'first_response' },
          { ...common, type: 'returned' },
          {
            ...common,
            type: 'human_decision',
            // Two escalation ids, so that some escalations are decided twice.
            escalationId: pick(['e1', 'e2']),
            decision: pick(['approved', 'approved_with_edits', 'rejected'] as const),
            reviewer: 'r1',
            ...(random() < 0.7 ? { rail: pick(['refund-limit', 'pii']) } : {}),
            ...(random() < 0.5 ? { acknowledgeMs: Math.floor(random() * 600_000) } : {}),
            decideMs: Math.floor(random() * 4 * hour),
            slaBreached: random() < 0.3,
          },
          {
            ...common,
            type: 'sla_breached',
            escalationId: pick(['e1', 'e2']),
            deadline: pick(['acknowledge', 'decide'] as const),
            ...(random() < 0.5 ? { action: 'refund' } : {}),
            lateMs: 1000,
          },
          {
            ...common,
            type: 'ticket_sla',
            policy: pick(['standard', 'vip']),
            priority: pick(['high', 'low']),
            // Few runs per trace, so that some runs get a breach and a completion.
            metric: pick(['first_response', 'resolution'] as const),
            instance: 1,
            targetMs: hour,
            elapsedMs: Math.floor(random() * 2 * hour),
            breached: random() < 0.4,
            ...(random() < 0.3 ? { lateMs: 1000 } : {}),
            completed: random() < 0.7,
          },
        ]);
      });
  });
}

/** The same outcomes in a seeded random order (Fisher-Yates). */
export function shuffled<Item>(items: readonly Item[], seed: number): Item[] {
  const random = createSeededRandom(seed);
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as Item, copy[index] as Item];
  }
  return copy;
}

/** Records `inputs` one after the other, as late webhooks would deliver them. */
export async function recordAll(store: FeedbackStore, inputs: readonly OutcomeInput[]) {
  const clock = createManualClock(fixtureDay + 3 * 24 * hour);
  const recorder = createOutcomeRecorder({ store, clock });
  for (const input of inputs) await recorder.record(input);
  return clock;
}
