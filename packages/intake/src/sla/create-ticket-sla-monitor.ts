import {
  type BusinessCalendar,
  type Clock,
  createSignal,
  type IdGenerator,
  parseInput,
  randomIdGenerator,
  type Signal,
  StoreUnavailableError,
} from '@guardloop/core';
import {
  abortOptionsSchema,
  clockSchema,
  idGeneratorSchema,
  throwIfAborted,
} from '@guardloop/core/internal';
import { z } from 'zod';
import { MalformedTicketSlaStateError } from '../errors/malformed-ticket-sla-state-error';
import { createTicketSlaTracker } from './create-ticket-sla-tracker';
import { parseSlaEvaluationContext } from './evaluate-ticket-sla';
import { nextCheckAt, type SlaAlert, slaAlerts } from './sla-alerts';
import { slaKeySchema } from './sla-key';
import type { SlaPolicies } from './sla-policies';
import type { TicketSlaEventInput } from './ticket-sla-event';
import type { LiveTicketSla, TicketSlaStore } from './ticket-sla-store';
import type { TicketSlaEvaluation } from './view-ticket-sla';

const callback = <T>(message: string) =>
  z.custom<T>((value) => typeof value === 'function', { message });
const storeSchema = z.custom<TicketSlaStore>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    [
      'saveTicket',
      'getTicket',
      'claimDueTickets',
      'markEmitted',
      'releaseTicket',
      'claimPendingDeliveries',
      'acknowledgeDelivery',
      'retryDelivery',
    ].every((method) => typeof (value as Record<string, unknown>)[method] === 'function'),
  'Expected a TicketSlaStore',
);

const monitorOptionsSchema = z.strictObject({
  store: storeSchema,
  policies: z.unknown(),
  calendar: z.unknown().optional(),
  clock: clockSchema,
  idGenerator: idGeneratorSchema.optional(),
  /**
   * Called with each warning or breach signal, at least once across every monitor on the store:
   * again (the same signal, fingerprint = alert key) when it threw or its monitor died first.
   */
  onSignal: callback<(signal: Signal) => void | Promise<void>>(
    'Expected an onSignal function',
  ).optional(),
  /** Failures of one ticket in a tick (the tick goes on); without it, the tick rejects. */
  onError: callback<(error: unknown) => void>('Expected an onError function').optional(),
  /** Names this monitor in the store's leases. Default: a random id. */
  claimant: slaKeySchema.optional(),
  /** How long a claimed ticket stays this monitor's: longer than a tick takes. Default 1 minute. */
  leaseMs: z
    .int()
    .min(1)
    .max(2 ** 31 - 1)
    .default(60_000),
  /** Tickets claimed per store call. Default 100. */
  batchSize: z.int().min(1).max(1000).default(100),
  /** Wait before retrying a failed onSignal, doubled per attempt up to `leaseMs`. Default 1 second. */
  retryDelayMs: z
    .int()
    .min(1)
    .max(2 ** 31 - 1)
    .default(1_000),
});

export interface TicketSlaMonitorOptions {
  store: TicketSlaStore;
  policies: SlaPolicies;
  calendar?: BusinessCalendar;
  clock: Clock;
  idGenerator?: IdGenerator;
  onSignal?: (signal: Signal) => void | Promise<void>;
  onError?: (error: unknown) => void;
  claimant?: string;
  leaseMs?: number;
  batchSize?: number;
  retryDelayMs?: number;
}

export interface TicketSlaCallOptions {
  abortSignal?: AbortSignal;
}

export interface TicketSlaMonitor {
  /** Folds a ticket event into the stored state (the first is `created`); returns the metrics now. */
  record(
    ticketId: string,
    event: TicketSlaEventInput,
    options?: TicketSlaCallOptions,
  ): Promise<TicketSlaEvaluation>;
  /** The stored ticket's metrics now; undefined for a ticket never recorded. */
  evaluate(
    ticketId: string,
    options?: TicketSlaCallOptions,
  ): Promise<TicketSlaEvaluation | undefined>;
  /**
   * Redelivers the alerts whose delivery failed or was abandoned, then emits the warnings and
   * breaches due now; returns this tick's signals (redeliveries first).
   */
  tick(options?: TicketSlaCallOptions): Promise<Signal[]>;
  /** Stops watching a ticket (e.g. once closed). */
  forget(ticketId: string, options?: TicketSlaCallOptions): Promise<boolean>;
}

const maxSaveAttempts = 20;

/**
 * Watches live tickets' SLA clocks through a `TicketSlaStore`. `record` keeps each ticket's
 * compact state and the time of its next warning or breach; `tick` claims the due tickets with
 * a lease and records each alert's key with a unique insert, as a `pending` delivery leased to
 * this monitor, before calling `onSignal`, and acknowledges it once `onSignal` resolved.
 * Delivery is at least once: an `onSignal` that throws (reported to `onError`) is retried with
 * backoff, and a pending alert whose monitor died is redelivered by any monitor once its lease
 * expired. A repeat is the same signal (same id; fingerprint = the alert key), so a host or the
 * loop's deduplicator can drop it; repeats only follow a crash or a failed `onSignal`.
 * Forgetting a ticket drops its pending alerts. A warning whose breach is also due is skipped.
 * Signals: kind `alert`, source `sla`, payload `{ ticketId, policy, priority, target, instance,
 * alert, targetMs, dueAt, lateMs }`.
 */
export function createTicketSlaMonitor(options: TicketSlaMonitorOptions): TicketSlaMonitor {
  const parsed = parseInput(monitorOptionsSchema, options, 'ticket SLA monitor options');
  const { store, clock, onSignal, onError, leaseMs, batchSize, retryDelayMs } = parsed;
  const { policies, calendar } = parseSlaEvaluationContext(
    parsed.policies,
    { now: 0, ...(parsed.calendar === undefined ? {} : { calendar: parsed.calendar }) },
    'ticket SLA monitor options',
  );
  const idGenerator = parsed.idGenerator ?? randomIdGenerator;
  const claimant = parsed.claimant ?? `sla-monitor:${randomIdGenerator()}`;
  const trackerOf = (ticketId: string, state?: LiveTicketSla['state']) =>
    createTicketSlaTracker(ticketId, {
      policies,
      ...(calendar === undefined ? {} : { calendar }),
      ...(state === undefined ? {} : { state }),
    });
  const callOptions = (abortSignal: AbortSignal | undefined) =>
    abortSignal === undefined ? {} : { abortSignal };
  const parseCall = (value: unknown) =>
    parseInput(abortOptionsSchema, value, 'ticket SLA call options');

  function signalOf(alert: SlaAlert, evaluation: TicketSlaEvaluation, now: number): Signal {
    const { metric } = alert;
    return createSignal(
      {
        source: 'sla',
        kind: 'alert',
        fingerprint: alert.key,
        correlationId: evaluation.ticketId,
        occurredAt: alert.at,
        receivedAt: now,
        payload: {
          ticketId: evaluation.ticketId,
          policy: evaluation.policyId,
          priority: evaluation.priority,
          target: metric.metric,
          instance: metric.instance,
          alert: alert.kind,
          targetMs: metric.targetMs,
          dueAt: metric.dueAt,
          lateMs: alert.kind === 'breach' ? Math.max(0, now - alert.at) : 0,
        },
      },
      { clock, idGenerator },
    );
  }

  async function processTicket(
    ticket: LiveTicketSla,
    now: number,
    abortSignal: AbortSignal | undefined,
  ) {
    const emitted: Signal[] = [];
    let next: number | null = null;
    try {
      const evaluation = trackerOf(ticket.ticketId, ticket.state).evaluate(now);
      const alerts = slaAlerts(evaluation);
      const done = new Set(ticket.emitted);
      const due = alerts.filter((alert) => alert.at <= now && !done.has(alert.key));
      const breached = new Set(
        due.filter((alert) => alert.kind === 'breach').map((alert) => alert.metric),
      );
      for (const alert of due) {
        done.add(alert.key);
        // A warning overtaken by its breach is recorded (so it never fires late) but not sent.
        const send = !(alert.kind === 'warning' && breached.has(alert.metric));
        const signal = send ? signalOf(alert, evaluation, now) : undefined;
        const won = await store.markEmitted(
          {
            ticketId: ticket.ticketId,
            key: alert.key,
            at: now,
            ...(signal === undefined || onSignal === undefined
              ? {}
              : { delivery: { signal, claimant, leaseExpiresAt: now + leaseMs } }),
          },
          callOptions(abortSignal),
        );
        if (!won || signal === undefined) continue;
        emitted.push(signal);
        await deliver(ticket.ticketId, alert.key, signal, 1, now, abortSignal);
      }
      next = nextCheckAt(alerts, done);
    } catch (error) {
      // A damaged state is reported once, then left alone (next check null) rather than retried forever.
      if (!MalformedTicketSlaStateError.isInstance(error)) {
        await store
          .releaseTicket({
            ticketId: ticket.ticketId,
            claimant,
            revision: ticket.revision,
            nextCheckAt: now + leaseMs,
          })
          .catch(() => {});
        throw error;
      }
      report(error);
    }
    await store.releaseTicket(
      { ticketId: ticket.ticketId, claimant, revision: ticket.revision, nextCheckAt: next },
      callOptions(abortSignal),
    );
    return emitted;
  }

  // Acknowledged only after onSignal resolved; a failure is given back for a later tick.
  async function deliver(
    ticketId: string,
    key: string,
    signal: Signal,
    attempts: number,
    now: number,
    abortSignal: AbortSignal | undefined,
  ) {
    if (onSignal === undefined) return;
    try {
      await onSignal(signal);
    } catch (error) {
      const backoff = Math.min(leaseMs, retryDelayMs * 2 ** Math.min(attempts - 1, 30));
      await store.retryDelivery(
        { ticketId, key, claimant, retryAt: now + backoff },
        callOptions(abortSignal),
      );
      report(error);
      return;
    }
    await store.acknowledgeDelivery({ ticketId, key }, callOptions(abortSignal));
  }

  async function redeliver(now: number, abortSignal: AbortSignal | undefined) {
    const signals: Signal[] = [];
    if (onSignal === undefined) return signals;
    for (;;) {
      throwIfAborted(abortSignal);
      const claimed = await store.claimPendingDeliveries(
        { now, claimant, leaseMs, limit: batchSize },
        callOptions(abortSignal),
      );
      for (const pending of claimed) {
        signals.push(pending.signal);
        try {
          await deliver(
            pending.ticketId,
            pending.key,
            pending.signal,
            pending.attempts,
            now,
            abortSignal,
          );
        } catch (error) {
          report(error);
        }
      }
      if (claimed.length < batchSize) return signals;
    }
  }

  function report(error: unknown) {
    if (onError === undefined) throw error;
    try {
      onError(error);
    } catch {
      // An onError that throws must not end the tick.
    }
  }

  return {
    async record(ticketId, event, options) {
      const { abortSignal } = parseCall(options) ?? {};
      for (let attempt = 0; attempt < maxSaveAttempts; attempt++) {
        throwIfAborted(abortSignal);
        const stored = await store.getTicket(ticketId, callOptions(abortSignal));
        const tracker = trackerOf(ticketId, stored?.state);
        const state = tracker.apply(event);
        const evaluation = tracker.evaluate(clock.now());
        const { saved } = await store.saveTicket(
          {
            ticketId,
            state,
            nextCheckAt: nextCheckAt(slaAlerts(evaluation), new Set(stored?.emitted ?? [])),
            expectedRevision: stored?.revision ?? null,
          },
          callOptions(abortSignal),
        );
        if (saved) return evaluation;
      }
      throw new StoreUnavailableError({
        operation: 'ticket SLA record',
        message: `Ticket ${ticketId} changed under ${maxSaveAttempts} attempts to save it`,
      });
    },
    async evaluate(ticketId, options) {
      const { abortSignal } = parseCall(options) ?? {};
      const stored = await store.getTicket(ticketId, callOptions(abortSignal));
      return stored && trackerOf(ticketId, stored.state).evaluate(clock.now());
    },
    async tick(options) {
      const { abortSignal } = parseCall(options) ?? {};
      const now = clock.now();
      const signals: Signal[] = await redeliver(now, abortSignal);
      for (;;) {
        throwIfAborted(abortSignal);
        const claimed = await store.claimDueTickets(
          { now, claimant, leaseMs, limit: batchSize },
          callOptions(abortSignal),
        );
        for (const ticket of claimed) {
          try {
            signals.push(...(await processTicket(ticket, now, abortSignal)));
          } catch (error) {
            report(error);
          }
        }
        if (claimed.length < batchSize) return signals;
      }
    },
    async forget(ticketId, options) {
      const { abortSignal } = parseCall(options) ?? {};
      return store.deleteTicket(ticketId, callOptions(abortSignal));
    },
  };
}
