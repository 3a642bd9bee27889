import type { Clock, Signal } from '@guardloop/core';
import type { OutcomeRecorder } from '@guardloop/feedback';
import {
  createMemoryTicketSlaStore,
  createTicketSlaMonitor,
  defineSlaPolicies,
  recordTicketSlaOutcomes,
  type TicketSlaEvaluation,
} from '@guardloop/intake';

const minute = 60_000;

/**
 * The desk's customer SLA (first response and resolution per priority), distinct from the
 * inbox's reviewer SLA (acknowledge and decide an escalation). Warn 5 minutes ahead.
 */
export const ticketSlaPolicies = defineSlaPolicies([
  {
    id: 'support',
    warnBeforeMs: 5 * minute,
    targets: {
      urgent: { firstResponseMs: 15 * minute, resolutionMs: 60 * minute },
      high: { firstResponseMs: 30 * minute, resolutionMs: 4 * 60 * minute },
      normal: { firstResponseMs: 60 * minute, resolutionMs: 8 * 60 * minute },
    },
  },
]);

export interface TicketSlaDeskOptions {
  clock: Clock;
  feedback: Pick<OutcomeRecorder, 'record'>;
}

/**
 * The tickets' SLA clocks (`createTicketSlaMonitor` on a memory store: the host's ticket index
 * is in memory too). Each warning and breach signal is kept for the Ticket page, and a breach
 * becomes `ticket_sla` outcomes on the ticket's trace (KPIs, the waterfall).
 */
export function createTicketSlaDesk({ clock, feedback }: TicketSlaDeskOptions) {
  const alerts = new Map<string, Signal[]>();
  let signals = 0;
  let breachHandler: ((ticketId: string, target: string) => Promise<void>) | undefined;
  const monitor = createTicketSlaMonitor({
    store: createMemoryTicketSlaStore(),
    policies: ticketSlaPolicies,
    clock,
    // Its own ids: the loop's sequence stays the same with or without alerts.
    idGenerator: () => `sla-signal-${++signals}`,
    claimant: 'console',
    onSignal: async (signal) => {
      const ticketId = signal.correlationId ?? '';
      alerts.set(ticketId, [...(alerts.get(ticketId) ?? []), signal]);
      if ((signal.payload as { alert?: string }).alert !== 'breach') return;
      const evaluation = await monitor.evaluate(ticketId);
      if (evaluation) await recordTicketSlaOutcomes({ feedback, evaluation, traceId: ticketId });
      await breachHandler?.(ticketId, String((signal.payload as { target?: string }).target));
    },
    onError: (error) => console.error('A ticket SLA check failed:', error),
  });
  return {
    /** A new ticket: its clocks start. */
    opened: (
      ticketId: string,
      at: number,
      fields: { priority: string; category: string; channel: string },
    ) => monitor.record(ticketId, { type: 'created', at, fields }),
    /** A public reply that settles the ticket (autonomous action, or a reviewer's decision). */
    async resolved(ticketId: string) {
      const at = clock.now();
      await monitor.record(ticketId, { type: 'agent_replied', at });
      return monitor.record(ticketId, { type: 'status_changed', at, status: 'resolved' });
    },
    /** A public reply only: the customer is answered, the ticket stays open. */
    replied: (ticketId: string) =>
      monitor.record(ticketId, { type: 'agent_replied', at: clock.now() }),
    evaluate: (ticketId: string): Promise<TicketSlaEvaluation | undefined> =>
      monitor.evaluate(ticketId),
    alertsOf: (ticketId: string) => alerts.get(ticketId) ?? [],
    /** What the loop does with a breach (the live simulation escalates it to a person). */
    onBreach(handler: (ticketId: string, target: string) => Promise<void>) {
      breachHandler = handler;
    },
    /** Emits the warnings and breaches due now. */
    tick: () => monitor.tick(),
  };
}

export type TicketSlaDesk = ReturnType<typeof createTicketSlaDesk>;
