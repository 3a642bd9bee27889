import type { PGlite } from '@electric-sql/pglite';
import { type Clock, createManualClock, createSequentialIdGenerator } from '@guardloop/core';
import { createMemoryCounterStore } from '@guardloop/economic';
import {
  createArtifactRegistry,
  createLoopEventRecorder,
  createMemoryFeedbackStore,
  createOutcomeRecorder,
  createOutcomeRouter,
  createProblemTracker,
  createSeededRandom,
} from '@guardloop/feedback';
import { createInboxApprovalVerifier } from '@guardloop/inbox';
import type { GuardloopTelemetry } from '@guardloop/otel';
import { createPgliteClient, migrate } from '@guardloop/postgres';
import { createPostgresCounterStore } from '@guardloop/postgres/counter';
import { createPostgresInboxStore } from '@guardloop/postgres/inbox';
import { createPostgresUndoLogStore } from '@guardloop/postgres/undo-log';
import { createUndoLog } from '@guardloop/undo-log';
import { createHelpdeskActions } from '../app/actions';
import { createIntentClassifier, type IntentClassifierOptions } from '../app/classifier';
import { createHelpdeskStore } from '../app/helpdesk-store';
import { createHelpdeskInbox } from '../app/inbox/helpdesk-inbox';
import { macros } from '../app/macros';
import { createHelpdeskRails } from '../app/rails';
import { createTicketDesk } from '../app/ticket-desk';
import { createHelpdeskIntake } from '../intake/helpdesk-intake';
import { createLiveTicketSla } from '../intake/live-ticket-sla';
import { createRunLog } from '../report/run-log';
import { defaultQueues, queueCandidates } from './customer-behaviour';
import { createSimulationScheduler } from './simulation-scheduler';
import type { Customer } from './tickets/customer-directory';

export interface HelpdeskOptions {
  start: number;
  seed: number;
  customers: readonly Customer[];
  /** Embedded PostgreSQL holding the undo log, the inbox (and the counters, unless `memoryCounters`). */
  database: PGlite;
  memoryCounters?: boolean;
  classifier?: IntentClassifierOptions;
  tokensPerTenantDay?: number;
  /** OpenTelemetry on the help desk's clock: the undo log, outcome recorder and loop in spans. */
  telemetry?: (clock: Clock) => GuardloopTelemetry;
}

/**
 * Builds the help desk and everything guardloop puts around it, on one manual clock: the toy
 * back office, the undo log, the escalation inbox and counters in PGlite, the classifier, the
 * rails, and the feedback side (outcome recorder, router, problems, versioned macros).
 */
export async function createHelpdesk(options: HelpdeskOptions) {
  // The clock starts three days early: the pilot's track record warms the error budget up.
  const clock = createManualClock(options.start - 3 * 86_400_000);
  const telemetry = options.telemetry?.(clock);
  const client = createPgliteClient(options.database);
  await migrate(client);
  const counterStore = options.memoryCounters
    ? createMemoryCounterStore()
    : createPostgresCounterStore({ client });
  const store = createHelpdeskStore(options.customers);
  const actions = createHelpdeskActions({ store, clock });
  const inboxStore = createPostgresInboxStore({ client });
  const plainUndoLog = createUndoLog({
    store: createPostgresUndoLogStore({ client }),
    actions: actions.list,
    clock,
    idGenerator: createSequentialIdGenerator('action'),
    ownerId: 'helpdesk-demo',
    // An irreversible action runs only with an approval the inbox holds for that very input.
    verifyApproval: createInboxApprovalVerifier({ store: inboxStore }),
  });
  const undoLog = telemetry ? telemetry.instrumentUndoLog(plainUndoLog) : plainUndoLog;
  const intent = await createIntentClassifier(options.classifier);
  const runLog = createRunLog(options.start);
  const rails = createHelpdeskRails({
    actions,
    classifier: intent.classifier,
    counterStore,
    clock,
    // The hourly reading over all action types tells the story; per-type reads repeat it.
    onAutonomyChange: ({ actionType, from, to, reading }) => {
      if (actionType === undefined) {
        runLog.milestone(clock.now(), `Autonomy ${from} -> ${to}: ${reading.reason}`);
      }
    },
    ...(options.tokensPerTenantDay ? { tokensPerTenantDay: options.tokensPerTenantDay } : {}),
  });
  const { tracker, slo } = rails.economic;
  for (let day = 3; day >= 1; day--) {
    clock.set(options.start - day * 86_400_000 + 12 * 3_600_000);
    await tracker.record(slo, { good: 20, bad: 1 });
  }
  clock.set(options.start);
  const feedbackStore = createMemoryFeedbackStore();
  const ids = (prefix: string) => createSequentialIdGenerator(prefix);
  const plainRecorder = createOutcomeRecorder({
    store: feedbackStore,
    clock,
    idGenerator: ids('outcome'),
  });
  // Every outcome (an inbox decision, a reopen, a CSAT) is also a span linked to its decision.
  const recorder = telemetry ? telemetry.instrumentOutcomeRecorder(plainRecorder) : plainRecorder;
  const inbox = createHelpdeskInbox({
    store: inboxStore,
    clock,
    idGenerator: ids('ESC'),
    undoLog,
    actions: actions.list,
    feedback: recorder,
  });
  const loopRecorder = createLoopEventRecorder({
    recorder,
    segment: ({ signal, intent: classified }) => ({
      channel: signal.source,
      category: classified && !classified.abstained ? classified.label : 'unclassified',
      queue: 'ai-desk',
      ticketId: String(signal.payload.ticketId),
    }),
  });
  const router = createOutcomeRouter({
    recorder,
    queues: queueCandidates,
    defaultQueues,
    random: createSeededRandom(options.seed + 1),
  });
  const problems = createProblemTracker({ store: feedbackStore, clock, idGenerator: ids('PRB') });
  const artifacts = createArtifactRegistry({
    store: feedbackStore,
    clock,
    idGenerator: ids('artifact'),
  });
  for (const [id, content] of Object.entries(macros)) {
    await artifacts.create({
      id,
      kind: 'macro',
      name: id.replace('macro-', ''),
      content,
      by: 'support-lead',
    });
  }
  const intake = createHelpdeskIntake({ clock, store, recorder });
  runLog.floors.push({ day: 0, floor: intent.classifier.floor, note: 'classifier calibration' });
  return {
    clock,
    scheduler: createSimulationScheduler(clock),
    random: createSeededRandom(options.seed + 2),
    // The playbook's ranking draws on its own stream: the simulated people's stay as they were.
    rankingRandom: createSeededRandom(options.seed + 3),
    store,
    actions,
    undoLog,
    inbox,
    intent,
    rails,
    feedbackStore,
    recorder,
    loopRecorder,
    router,
    problems,
    artifacts,
    desk: createTicketDesk({ store, undoLog, clock }),
    // The front door: email, webhooks and the web form through @guardloop/intake; CSAT answers.
    intake,
    // The ticket SLA clocks, live on the simulated clock: `ticket_sla` outcomes into feedback.
    ticketSla: createLiveTicketSla({ client, clock, store, admitted: intake.admitted, recorder }),
    runLog,
    telemetry,
  };
}

export type Helpdesk = Awaited<ReturnType<typeof createHelpdesk>>;
