import type { Clock, IdGenerator } from '@guardloop/core';
import { createAutonomyDial, createSloTracker, defineSlo } from '@guardloop/economic';
import { createKpis, createOutcomeRecorder } from '@guardloop/feedback';
import { createInbox, createInboxApprovalVerifier } from '@guardloop/inbox';
import { migrate, type SqlClient } from '@guardloop/postgres';
import { createPostgresCounterStore } from '@guardloop/postgres/counter';
import { createPostgresFeedbackStore } from '@guardloop/postgres/feedback';
import { createPostgresInboxStore } from '@guardloop/postgres/inbox';
import { createPostgresUndoLogStore } from '@guardloop/postgres/undo-log';
import { createUndoLog } from '@guardloop/undo-log';
import { createDeskActions } from './actions';
import { createConsoleTelemetry } from './console-telemetry';
import { createDeskState } from './desk-state';
import { createDeskRails } from './rails';
import { reviewerPolicy } from './reviewers';
import { createTicketSlaDesk } from './ticket-sla';

export interface ConsoleServicesOptions {
  client: SqlClient;
  clock: Clock;
  idGenerator: IdGenerator;
}

/** 90% of autonomous actions stand (not undone): a few undos burn the budget visibly. */
export const autonomySlo = defineSlo({ name: 'autonomous-actions', objective: 0.9, window: '7d' });

/** SLA per priority: what the inbox badges count down to. */
export const slaTargets = {
  urgent: { acknowledgeWithinMs: 5 * 60_000, decideWithinMs: 15 * 60_000 },
  high: { acknowledgeWithinMs: 15 * 60_000, decideWithinMs: 60 * 60_000 },
  normal: { acknowledgeWithinMs: 60 * 60_000, decideWithinMs: 4 * 60 * 60_000 },
};

/** Every guardloop part the console works on, all on one PostgreSQL (PGlite by default). */
export async function createConsoleServices({
  client,
  clock,
  idGenerator,
}: ConsoleServicesOptions) {
  await migrate(client);
  const desk = createDeskState();
  const actions = createDeskActions(desk);
  const inboxStore = createPostgresInboxStore({ client });
  // Spans of the live loop, its actions and its outcomes: the Ticket page's waterfall.
  const telemetry = createConsoleTelemetry(clock);
  const undoLog = telemetry.telemetry.instrumentUndoLog(
    createUndoLog({
      store: createPostgresUndoLogStore({ client }),
      actions: actions.list,
      clock,
      verifyApproval: createInboxApprovalVerifier({ store: inboxStore }),
    }),
  );
  const feedback = telemetry.telemetry.instrumentOutcomeRecorder(
    createOutcomeRecorder({
      store: createPostgresFeedbackStore({ client }),
      clock,
      idGenerator,
    }),
  );
  const tracker = createSloTracker({ store: createPostgresCounterStore({ client }), clock });
  const dial = createAutonomyDial({ tracker, slos: [autonomySlo] });
  const rails = createDeskRails(dial);
  const inbox = createInbox({
    store: inboxStore,
    clock,
    idGenerator,
    undoLog,
    actions: actions.list,
    rails,
    reviewers: { policy: reviewerPolicy },
    sla: slaTargets,
    feedback,
    // The decision stands either way; the item's history keeps a `feedback_failed` entry.
    onFeedbackError: (error, failure) =>
      console.error(`Recording the outcome of escalation ${failure.escalationId} failed:`, error),
  });
  const kpis = createKpis({ store: feedback.store, clock });
  const ticketSla = createTicketSlaDesk({ clock, feedback });
  return {
    clock,
    idGenerator,
    desk,
    actions,
    undoLog,
    inbox,
    feedback,
    tracker,
    dial,
    rails,
    kpis,
    telemetry,
    ticketSla,
  };
}

export type ConsoleServices = Awaited<ReturnType<typeof createConsoleServices>>;
