import { createLoop, type Loop, type LoopResult, type Rail } from '@guardloop/core';
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
export function createBenchLoop({
  store,
  rails,
  classifier,
  tickets,
}: BenchLoopOptions): BenchLoop {
  const { action } = createSendResetLinkAction();
  const undoLog = createUndoLog({ store, actions: [action] });
  const loop = createLoop({
    rails,
    actions: undoLog,
    steps: {
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
    },
  });
  let count = 0;
  return {
    loop,
    undoLog,
    handleNext() {
      count += 1;
      const body = tickets[count % tickets.length] ?? 'I forgot my password';
      const payload = { subject: 'Cannot log in', body, customerId: `customer-${count}` };
      return loop.handle(
        { source: 'zendesk', kind: 'ticket', payload },
        {
          actor: benchActor,
          attributes: benchAttributes,
        },
      );
    },
  };
}
