import { type Clock, createSequentialIdGenerator, type Signal } from '@guardloop/core';
import type { OutcomeRecorder } from '@guardloop/feedback';
import {
  createTicketSlaMonitor,
  recordTicketSlaOutcomes,
  type TicketSlaEvaluation,
  type TicketSlaEventInput,
} from '@guardloop/intake';
import type { SqlClient } from '@guardloop/postgres';
import { createPostgresTicketSlaStore } from '@guardloop/postgres/sla';
import type { HelpdeskStore } from '../app/helpdesk-store';
import type { AdmittedTicket } from './helpdesk-intake';
import { helpdeskSlaPolicies } from './helpdesk-sla-policies';

/** Where an SLA breach of an urgent (p1/p2) ticket sends it: the on-call team's queue. */
export const slaEscalationQueue = 'sla-escalations';
const urgent = new Set(['p1', 'p2']);

export interface LiveTicketSlaOptions {
  /** The demo's PGlite, migrated by createHelpdesk (the ticket SLA tables included). */
  client: SqlClient;
  clock: Clock;
  store: HelpdeskStore;
  admitted: ReadonlyMap<string, AdmittedTicket>;
  /** The outcome recorder the KPIs read: `ticket_sla` outcomes land on each ticket's trace. */
  recorder: Pick<OutcomeRecorder, 'record'>;
}

/**
 * The ticket SLA clocks while the replay runs: each round feeds the tickets' new events (status
 * transitions, replies that left the outbox) into a `createTicketSlaMonitor` on the demo's
 * PGlite, ticks it on the simulated clock and records the `ticket_sla` outcomes on each
 * ticket's decision trace. A breach on a p1/p2 ticket moves it to the on-call queue; warnings
 * are counted.
 */
export function createLiveTicketSla({
  client,
  clock,
  store,
  admitted,
  recorder,
}: LiveTicketSlaOptions) {
  const counters = { warnings: 0, breaches: 0, escalated: 0, outcomes: 0, events: 0 };
  const breachedTickets = new Set<string>();
  // What was fed per ticket: transitions by index (the history only grows), replies by id.
  const fed = new Map<string, { transitions: number; replies: Set<string>; lastAt: number }>();
  const seen = new Set<string>();
  const onSignal = (signal: Signal) => {
    // The fingerprint is the alert's key: a redelivered signal is counted and acted on once.
    if (seen.has(signal.fingerprint)) return;
    seen.add(signal.fingerprint);
    const { alert, ticketId, priority } = signal.payload as Record<string, unknown>;
    if (alert === 'warning') {
      counters.warnings += 1;
      return;
    }
    counters.breaches += 1;
    breachedTickets.add(String(ticketId));
    if (typeof priority === 'string' && urgent.has(priority)) {
      if (store.queueOf(String(ticketId)) !== slaEscalationQueue) counters.escalated += 1;
      store.assignQueue(String(ticketId), slaEscalationQueue);
    }
  };
  const monitor = createTicketSlaMonitor({
    store: createPostgresTicketSlaStore({ client }),
    policies: helpdeskSlaPolicies,
    clock,
    idGenerator: createSequentialIdGenerator('sla-signal'),
    claimant: 'helpdesk-demo',
    onSignal,
  });

  async function recordOutcomes(evaluation: TicketSlaEvaluation) {
    const traceId = store.ticket(evaluation.ticketId)?.traceId;
    if (traceId === undefined) return;
    const records = await recordTicketSlaOutcomes({ feedback: recorder, evaluation, traceId });
    counters.outcomes += records.filter((record) => record.status === 'recorded').length;
  }

  /** Feeds one ticket's events up to now; the evaluation after the last one, if any was new. */
  async function feed(entry: AdmittedTicket, now: number) {
    const ticket = store.ticket(entry.ticket.id);
    // Duplicates are filed under their first report: no clock of their own.
    if (!ticket || ticket.data.duplicateOf !== undefined) return undefined;
    let state = fed.get(ticket.id);
    const events: TicketSlaEventInput[] = [];
    if (!state) {
      state = { transitions: 0, replies: new Set(), lastAt: ticket.createdAt };
      fed.set(ticket.id, state);
      events.push({ type: 'created', at: ticket.createdAt, fields: entry.fields });
    }
    const later: TicketSlaEventInput[] = [];
    const transitions = ticket.history.filter((transition) => transition.at <= now);
    for (const transition of transitions.slice(state.transitions)) {
      later.push({ type: 'status_changed', at: transition.at, status: transition.to });
    }
    state.transitions = transitions.length;
    for (const message of store.messagesFor(ticket.id)) {
      // A recalled reply never reached the customer; one recalled after it was fed still counts.
      if (message.recalled || message.queuedAt > now || state.replies.has(message.id)) continue;
      state.replies.add(message.id);
      later.push({ type: 'agent_replied', at: message.queuedAt });
    }
    // Stable: a reply queued in the same instant as a transition keeps its place after it.
    later.sort((left, right) => left.at - right.at);
    events.push(...later);
    let evaluation: TicketSlaEvaluation | undefined;
    for (const event of events) {
      // The clocks only run forward: an event seen late counts from the last one fed.
      const at = Math.max(event.at, state.lastAt);
      state.lastAt = at;
      evaluation = await monitor.record(ticket.id, { ...event, at });
      counters.events += 1;
    }
    return evaluation;
  }

  return {
    monitor,
    counters,
    /** Tickets that breached any SLA target during the replay. */
    breachedTickets,
    /** One round: new events in, then due warnings and breaches out, outcomes recorded. */
    async round() {
      const now = clock.now();
      for (const entry of admitted.values()) {
        const evaluation = await feed(entry, now);
        if (evaluation) await recordOutcomes(evaluation);
      }
      const signals = await monitor.tick();
      const ticked = new Set(signals.map((signal) => String(signal.payload.ticketId)));
      for (const ticketId of ticked) {
        const evaluation = await monitor.evaluate(ticketId);
        if (evaluation) await recordOutcomes(evaluation);
      }
      return signals;
    },
  };
}

export type LiveTicketSla = ReturnType<typeof createLiveTicketSla>;
