import type { OutcomeEventOf, OutcomeFlag } from '../schemas/outcome-event';
import { type TicketSlaRecord, ticketSlaLimits } from '../schemas/ticket-sla';
import type { TraceState } from '../schemas/trace-state';

/**
 * Folds a `ticket_sla` outcome into `trace` (a fresh copy the caller owns): one record per
 * metric run. Every rule is first-wins (names, target) or monotonic (max, or), so the state
 * does not depend on the order a run's outcomes arrive in: a breach noticed while the clock
 * ran and the completion that came later give the same record either way.
 */
export function applyTicketSla(
  trace: TraceState,
  event: OutcomeEventOf<'ticket_sla'>,
): OutcomeFlag[] {
  // Copied, never changed in place: the previous state may be shared with a store's copy.
  const records = (trace.ticketSlas ?? []).map((record) => ({ ...record }));
  const record = records.find(
    (entry) => entry.metric === event.metric && entry.instance === event.instance,
  );
  if (!record) {
    if (records.length >= ticketSlaLimits.metricsPerTrace) return ['ticket_sla_limit_reached'];
    const added: TicketSlaRecord = {
      metric: event.metric,
      instance: event.instance,
      policy: event.policy,
      priority: event.priority,
      targetMs: event.targetMs,
      elapsedMs: event.elapsedMs,
      breached: event.breached,
      completed: event.completed,
    };
    if (event.lateMs !== undefined) added.lateMs = event.lateMs;
    records.push(added);
  } else {
    record.elapsedMs = Math.max(record.elapsedMs, event.elapsedMs);
    record.breached ||= event.breached;
    record.completed ||= event.completed;
    if (event.lateMs !== undefined) record.lateMs = Math.max(record.lateMs ?? 0, event.lateMs);
  }
  trace.ticketSlas = records;
  return [];
}
