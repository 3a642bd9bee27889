import {
  type ActorInput,
  type Clock,
  createLoop,
  createSequentialIdGenerator,
  type LoopConfig,
  type LoopEvent,
  type LoopResult,
  type Rail,
  type TicketFieldsInput,
} from '@guardloop/core';
import type { ArtifactRegistry, LoopEventRecorder, OutcomeRouter } from '@guardloop/feedback';
import type { FeedbackAggregateSource } from '@guardloop/hypotheses';
import type { Inbox } from '@guardloop/inbox';
import type { GuardloopTelemetry } from '@guardloop/otel';
import { type Classifier, createIntentStep, redactPii } from '@guardloop/semantic';
import { createActStep, type UndoLog } from '@guardloop/undo-log';
import type { HelpdeskStore } from './helpdesk-store';
import { createHelpdeskHypotheses } from './hypotheses';
import { escalationSink } from './inbox/helpdesk-inbox';
import type { Ticket } from './ticket';
import type { TicketDesk } from './ticket-desk';
import { readTicketFacts } from './ticket-facts';
import { ticketSignal } from './ticket-signal';

export interface PipelineOptions {
  clock: Clock;
  store: HelpdeskStore;
  desk: TicketDesk;
  classifier: Classifier;
  rails: readonly Rail[];
  undoLog: UndoLog;
  /** Where every escalation waits for a human; their decisions resume the loop. */
  inbox: Inbox;
  artifacts: ArtifactRegistry;
  router: OutcomeRouter;
  /** The outcomes the playbook's candidates are ranked by. */
  feedbackStore: FeedbackAggregateSource;
  /** Seeded draws for the ranking, so that a replay proposes the same. */
  rankingRandom: () => number;
  loopRecorder: LoopEventRecorder;
  /** Hear every loop event (decisions, actions...) besides the feedback recorder: tracing, reports. */
  listeners?: readonly ((event: LoopEvent) => void)[];
  /** Steps, rails and the inbox in OpenTelemetry spans. */
  telemetry?: GuardloopTelemetry | undefined;
}

/** The AI's identity: the RBAC policy gives its role narrow keys. */
export const aiActor: ActorInput = { id: 'helpdesk-ai', type: 'ai', roles: ['helpdesk-ai'] };

/**
 * One ticket through the Signal-Learning Loop: intake with deduplication, intent (personal data
 * redacted before the classifier, so before any model), grounded hypotheses, the rails, and the
 * action through the undo log. Decisions and escalations reach @guardloop/feedback on their own;
 * anything else that wants to know what happened listens to the loop's events.
 */
export function createHelpdeskPipeline(options: PipelineOptions) {
  const { clock, store, desk, classifier, undoLog, inbox, artifacts, router, loopRecorder } =
    options;
  const listeners = [loopRecorder.onEvent, ...(options.listeners ?? [])];
  const traceIds = createSequentialIdGenerator('trace');
  const proposeHypotheses = createHelpdeskHypotheses({
    actions: undoLog,
    macro: async (id) => {
      const active = await artifacts.getActive(id);
      return { text: active.content, version: active.version };
    },
    feedback: options.feedbackStore,
    random: options.rankingRandom,
  });
  const config: LoopConfig = {
    rails: options.rails,
    clock,
    idGenerator: createSequentialIdGenerator('decision'),
    // Repeats of a fingerprint within 6 hours (an outage, a double submit) are dropped at intake.
    deduplicate: { windowMs: 6 * 3_600_000 },
    // The action definitions in the undo log decide what is reversible, not the hypotheses.
    actions: undoLog,
    // Escalated actions wait in the inbox; a reviewer's decision runs them (`resume`).
    inbox: escalationSink(inbox),
    onEvent(event) {
      for (const listener of listeners) listener(event);
    },
    steps: {
      classifyIntent: createIntentStep(classifier, {
        text: ({ payload }) => redactPii(`${payload.subject}\n${payload.body}`),
      }),
      proposeHypotheses: (input) =>
        proposeHypotheses(input, {
          suggestQueue: async (category) => {
            const ticketId = String(input.signal.payload.ticketId);
            return (await router.suggest({ traceId: input.traceId, category, ticketId })).queue;
          },
        }),
      // The hypotheses key each action by ticket: a retried ticket replays, never runs twice.
      act: createActStep(undoLog, {
        result: (run) => {
          if (run.status === 'dry_run') throw new Error('Unexpected dry run.');
          return { actionId: run.actionId, replayed: run.replayed };
        },
      }),
    },
  };
  const loop = createLoop(options.telemetry ? options.telemetry.instrumentLoop(config) : config);

  return {
    /** `fields`: the standard fields the intake normalized (taxonomy, priority). */
    async handle(ticket: Ticket, fields?: TicketFieldsInput): Promise<LoopResult> {
      const traceId = traceIds();
      desk.open(ticket, traceId);
      const customer = store.customer(ticket.customerId);
      // The back office's facts join the signal at intake: the playbook's templates read them.
      const facts =
        customer &&
        readTicketFacts(
          { ticketId: ticket.id, subject: ticket.subject, body: ticket.body },
          customer,
        );
      const result = await loop.handle(
        { ...ticketSignal(ticket, facts), ...(fields ? { fields } : {}), traceId },
        {
          actor: { ...aiActor, tenant: ticket.tenant },
          // What the policy rules read besides the action: the customer's plan and standing.
          attributes: {
            customer: {
              plan: customer?.plan,
              status: customer?.status,
              accountAgeDays: customer?.accountAgeDays,
            },
          },
        },
      );
      await loopRecorder.flush();
      return result;
    },
    /** Finishes an escalated ticket's run once a reviewer decided it in the inbox. */
    async resume(escalationId: string): Promise<LoopResult> {
      const result = await loop.resume(escalationId);
      await loopRecorder.flush();
      return result;
    },
  };
}

export type HelpdeskPipeline = ReturnType<typeof createHelpdeskPipeline>;
