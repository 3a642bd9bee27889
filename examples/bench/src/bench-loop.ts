import { createLoop, type Loop, type LoopResult, type LoopSteps, type Rail } from '@guardloop/core';
import { type Classifier, createIntentStep } from '@guardloop/semantic';
import { createActStep, createUndoLog, type UndoLog, type UndoLogStore } from '@guardloop/undo-log';
import { benchActor, benchAttributes } from './bench-host-data';
import { createSendResetLinkAction } from './send-reset-link';

export interface BenchLoopOptions {
  store: UndoLogStore;
  rails: readonly Rail[];
  classifier: Classifier;
  /** Ticket texts, used in turn. */
  tickets: readonly string[];
}

export interface BenchLoop {
  loop: Loop;
  undoLog: UndoLog;
  /** Runs the next ticket through the whole loop. */
  handleNext(): Promise<LoopResult>;
}

/**
 * One help-desk ticket through the whole loop: the local classifier labels it, a hypothesis
 * proposes `send_reset_link`, the rails decide, and the action runs through the undo log
 * (idempotency lookup, intent record, `do`, result record) on the given store. Every signal is
 * new (random ids, a fresh idempotency key), as in production.
 */
export interface BenchSteps {
  steps: LoopSteps;
  undoLog: UndoLog;
}

/**
 * The loop's steps for one help-desk ticket: the local classifier labels it, a hypothesis
 * proposes `send_reset_link`, and the action runs through the undo log on the given store. Also
 * what the hand-written composition of the hot-path benchmark calls.
 */
export function createBenchSteps({
  store,
  classifier,
}: Pick<BenchLoopOptions, 'store' | 'classifier'>): BenchSteps {
  const { action } = createSendResetLinkAction();
  const undoLog = createUndoLog({ store, actions: [action] });
  const steps: LoopSteps = {
    classifyIntent: createIntentStep(classifier, { text: ({ payload }) => String(payload.body) }),
    proposeHypotheses: ({ signal, intent }) =>
      intent?.label === 'password_reset'
        ? [
            {
              id: `${signal.id}:reset`,
              title: 'The customer is locked out and needs a reset link',
              confidence: intent.confidence,
              evidence: [{ source: 'signal.payload', path: 'body', value: signal.payload.body }],
              action: {
                name: action.name,
                input: { customerId: String(signal.payload.customerId), channel: 'email' },
                resource: `customer:${String(signal.payload.customerId)}`,
                reversible: true,
                idempotencyKey: `reset:${signal.id}`,
                cost: { tokens: 800, usd: 0.002 },
              },
            },
          ]
        : [],
    act: createActStep(undoLog),
  };
  return { steps, undoLog };
}

// Customer numbers written with the digits 2, 6, 8 and 9 only. Once needed because brand safety
// read `customer-455` as leet speak ('ass'); it no longer folds letter-less tokens, and the ids
// are kept so that figures stay comparable across runs.
const leetFree = ['2', '6', '8', '9'];
const customerNumber = (count: number) =>
  [...count.toString(4)].map((digit) => leetFree[Number(digit)]).join('');
// Tickets come from a customer base of 4,096 (ids of six digits at most): an id of seven digits
// or more reads as a phone number to the PII rail, which then finds and redacts personal data in
// every later ticket, so the work per signal would change as a run goes on (it did after the
// 4,096th signal).
const customers = 4 ** 6;

/** The payload of the `count`th ticket. */
export function benchTicket(tickets: readonly string[], count: number) {
  const body = tickets[count % tickets.length] ?? 'I forgot my password';
  return {
    source: 'zendesk',
    kind: 'ticket' as const,
    payload: {
      subject: 'Cannot log in',
      body,
      customerId: `customer-${customerNumber(count % customers)}`,
    },
  };
}

export function createBenchLoop({
  store,
  rails,
  classifier,
  tickets,
}: BenchLoopOptions): BenchLoop {
  const { steps, undoLog } = createBenchSteps({ store, classifier });
  const loop = createLoop({ rails, actions: undoLog, steps });
  let count = 0;
  return {
    loop,
    undoLog,
    handleNext() {
      count += 1;
      return loop.handle(benchTicket(tickets, count), {
        actor: benchActor,
        attributes: benchAttributes,
      });
    },
  };
}
