import type { Clock, IdGenerator, LoopEscalationInput, LoopEscalationSink } from '@guardloop/core';
import {
  createBusinessCalendar,
  createInbox,
  type Inbox,
  type InboxFeedbackRecorder,
  type InboxPriority,
  type InboxStore,
} from '@guardloop/inbox';
import type { AnyActionDefinition, UndoLog } from '@guardloop/undo-log';
import { reviewerPolicy } from './reviewer-policy';

export interface HelpdeskInboxOptions {
  store: InboxStore;
  clock: Clock;
  idGenerator: IdGenerator;
  undoLog: UndoLog;
  actions: readonly AnyActionDefinition[];
  /** Every decision and SLA breach is learned from: `createOutcomeRecorder`. */
  feedback: InboxFeedbackRecorder;
}

const minute = 60_000;
const hour = 60 * minute;

// Normal escalations wait for business hours; money, personal data and abuse do not.
const officeHours = createBusinessCalendar({
  timeZone: 'Europe/Berlin',
  days: [1, 2, 3, 4, 5, 6],
  hours: { start: '07:00', end: '21:00' },
});

/**
 * The escalation inbox: who may decide what (`reviewerPolicy`), how fast (SLA per priority,
 * breaches moved to tier 2), approvals run through the undo log, and every decision recorded
 * on the escalation's trace for the KPIs and the nightly calibration.
 */
export function createHelpdeskInbox(options: HelpdeskInboxOptions): Inbox {
  return createInbox({
    ...options,
    reviewers: { policy: reviewerPolicy },
    sla: {
      urgent: {
        acknowledgeWithinMs: 30 * minute,
        decideWithinMs: 2 * hour,
        onBreach: { moveToQueue: 'tier-2' },
      },
      high: {
        acknowledgeWithinMs: 2 * hour,
        decideWithinMs: 4 * hour,
        onBreach: { moveToQueue: 'tier-2' },
      },
      normal: { acknowledgeWithinMs: 4 * hour, decideWithinMs: 8 * hour, calendar: officeHours },
    },
  });
}

/** How urgent an escalation is: an abusive customer first, then money and personal data. */
export function priorityOf(escalation: LoopEscalationInput): InboxPriority {
  if (escalation.rail === 'customer-tone') return 'urgent';
  if (escalation.action?.name === 'issue_refund' || escalation.rail === 'pii-outbound')
    return 'high';
  return 'normal';
}

/** The loop's view of the inbox: each escalation gets its priority and queue on the way in. */
export function escalationSink(inbox: Inbox): LoopEscalationSink {
  return {
    escalate: (escalation) =>
      inbox.escalate({
        ...escalation,
        priority: priorityOf(escalation),
        queue: escalation.action?.resource?.startsWith('invoice:large:') ? 'tier-2' : 'tier-1',
      }),
    get: (id, getOptions) => inbox.get(id, getOptions),
  };
}
