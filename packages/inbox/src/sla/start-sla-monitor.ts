import { InvalidInputError, parseInput, randomIdGenerator } from '@guardloop/core';
import { throwIfAborted } from '@guardloop/core/internal';
import { storableTextSchema } from '@guardloop/undo-log/internal';
import { z } from 'zod';
import { breachOutcomes } from '../feedback/decision-outcomes';
import { recordFeedbackSafely } from '../feedback/record-feedback';
import type { InboxRuntime } from '../inbox/inbox-runtime';
import { updateWithRetry } from '../inbox/inbox-runtime';
import { abortSignalSchema, durationMsSchema } from '../inbox/option-schemas';
import type { InboxItem } from '../item/inbox-item';
import type { SlaEventKey } from '../store/inbox-store';
import { type SlaEvent, slaEventId } from './sla-event';

const callback = <T>(message: string) =>
  z.custom<T>((value) => typeof value === 'function', { message });

export const slaMonitorOptionsSchema = z.object({
  /** Pause between the end of one round and the start of the next (inbox clock, ms). */
  intervalMs: durationMsSchema,
  /** Also emit `sla_warning` this long before a deadline (ms). Default 0: breaches only. */
  warnBeforeMs: z
    .int()
    .min(0)
    .max(365 * 24 * 60 * 60 * 1000)
    .default(0),
  /** Called once per event; a throw (or rejection) leaves the event to be delivered again. */
  onEvent: callback<(event: SlaEvent) => void | Promise<void>>('Expected an onEvent function'),
  /** Errors of a round or of one event; the loop goes on. */
  onError: callback<(error: unknown) => void>('Expected an onError function'),
  /** Called for breaches whose priority's `onBreach.page` is true. */
  page: callback<(event: SlaEvent) => void | Promise<void>>('Expected a page function').optional(),
  /**
   * How long a claimed event stays this monitor's before another may deliver it (ms): longer
   * than `onEvent` and `page` take. Default 5 minutes.
   */
  claimLeaseMs: durationMsSchema.default(5 * 60_000),
  /** Names this monitor in the store's claims. Default: a random id. */
  monitorId: storableTextSchema.optional(),
  /** Items read per store page. Default 100. */
  batchSize: z.int().min(1).max(1000).default(100),
  /** Stops the loop, like `stop()`. */
  abortSignal: abortSignalSchema.optional(),
});
export type SlaMonitorOptions = z.input<typeof slaMonitorOptionsSchema>;

export interface SlaRoundSummary {
  /** Events delivered to `onEvent` in this round. */
  emitted: number;
  /** Events or reads that failed (each went to `onError`). */
  failed: number;
}

export interface SlaMonitor {
  /** Ends the loop; resolves once a round in progress has finished. */
  stop(): Promise<void>;
  /** Runs one round now, after any round in progress (rounds never overlap). */
  runRound(): Promise<SlaRoundSummary>;
}

interface Candidate extends SlaEventKey {
  dueAt: number;
}

/** The deadlines of a pending item due by `horizon`: breached ones, else warnings. */
function candidates(item: InboxItem, now: number, horizon: number): Candidate[] {
  const found: Candidate[] = [];
  const add = (deadline: Candidate['deadline'], dueAt: number | null) => {
    if (dueAt === null || dueAt > horizon) return;
    found.push({ itemId: item.id, deadline, dueAt, kind: dueAt <= now ? 'breached' : 'warning' });
  };
  if (item.acknowledgedAt === null) add('acknowledge', item.acknowledgeBy);
  add('decide', item.decideBy);
  return found;
}

/**
 * Watches the SLA clocks: each round lists pending items whose deadlines have passed (or pass
 * within `warnBeforeMs`) and emits each event once per item, deadline and kind across every
 * monitor on the store. Claiming an event is a compare-and-set in the store with a lease;
 * the event is marked done after `onEvent` returns, so a monitor that crashes in between
 * leaves it to be delivered again once the lease expires: at least once, with a stable `id`.
 */
export function startSlaMonitor(runtime: InboxRuntime, options: SlaMonitorOptions): SlaMonitor {
  const parsed = parseInput(slaMonitorOptionsSchema, options, 'SLA monitor options');
  const { store, clock } = runtime;
  if (!store.claimSlaEvent || !store.completeSlaEvent)
    throw new InvalidInputError({
      subject: 'SLA monitor options',
      issues: [{ path: 'store', message: 'The inbox store has no claimSlaEvent/completeSlaEvent' }],
    });
  const paging = Object.entries(runtime.sla).filter(([, target]) => target?.onBreach?.page);
  if (paging.length > 0 && parsed.page === undefined)
    throw new InvalidInputError({
      subject: 'SLA monitor options',
      issues: [
        {
          path: 'page',
          message: `sla.${paging[0]?.[0]}.onBreach.page needs a page callback`,
        },
      ],
    });
  throwIfAborted(parsed.abortSignal);
  let stopped = false;
  let cancelTimer: (() => void) | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const claimant = parsed.monitorId ?? `sla-monitor:${randomIdGenerator()}`;
  const claimSlaEvent = store.claimSlaEvent.bind(store);
  const completeSlaEvent = store.completeSlaEvent.bind(store);
  const report = (error: unknown) => {
    try {
      parsed.onError(error);
    } catch {
      // An onError that throws must not end the loop either.
    }
  };

  /** The escalation path, once per event id even when the event is delivered again. */
  async function escalate(item: InboxItem, candidate: Candidate, eventId: string, now: number) {
    const onBreach = runtime.sla[item.priority]?.onBreach ?? {};
    const paged = onBreach.page === true;
    const recordedIn = (current: InboxItem) =>
      current.history.find(
        (entry) =>
          entry.type === 'sla_breached' &&
          (entry.details as { eventId?: unknown } | undefined)?.eventId === eventId,
      );
    // Delivered again after a crash: the path already ran; report what it did.
    const fresh = await runtime.store.get(item.id);
    const recorded = fresh && recordedIn(fresh);
    if (fresh && recorded) {
      const details = recorded.details as { movedToQueue?: string | null; paged?: boolean };
      return {
        item: fresh,
        escalation: { movedToQueue: details.movedToQueue ?? null, paged: details.paged === true },
      };
    }
    let movedToQueue: string | null = null;
    const updated = await updateWithRetry(runtime, item.id, undefined, (current) => {
      const target = onBreach.moveToQueue;
      const move = current.status === 'pending' && target !== undefined && current.queue !== target;
      movedToQueue = move ? (target as string) : null;
      return {
        set: move ? { queue: target, updatedAt: now } : {},
        append: [
          {
            type: 'sla_breached' as const,
            at: now,
            details: {
              eventId,
              deadline: candidate.deadline,
              dueAt: candidate.dueAt,
              movedToQueue,
              paged,
            },
          },
        ],
      };
    });
    return { item: updated, escalation: { movedToQueue, paged } };
  }

  async function deliver(item: InboxItem, candidate: Candidate, now: number): Promise<boolean> {
    const { dueAt: _, ...eventKey } = candidate;
    const claim = await claimSlaEvent({
      ...eventKey,
      claimant,
      now,
      leaseMs: parsed.claimLeaseMs,
    });
    if (claim?.claimed !== true) return false;
    const id = slaEventId(item.id, candidate.deadline, candidate.kind);
    const base = {
      id,
      deadline: candidate.deadline,
      dueAt: candidate.dueAt,
      at: now,
      attempt: claim.attempt,
    };
    let event: SlaEvent;
    if (candidate.kind === 'breached') {
      const escalated = await escalate(item, candidate, id, now);
      // Recorded from the history entry, so a redelivery records the same outcome again.
      const breach = breachOutcomes(escalated.item).filter(
        (outcome) => outcome.deadline === candidate.deadline,
      );
      escalated.item = await recordFeedbackSafely(runtime, escalated.item, breach, undefined);
      event = { ...base, type: 'sla_breached', ...escalated };
      if (escalated.escalation.paged) await parsed.page?.(event);
    } else {
      event = { ...base, type: 'sla_warning', item };
    }
    await parsed.onEvent(event);
    await completeSlaEvent({ ...eventKey, claimant, now: clock.now() });
    return true;
  }

  async function round(): Promise<SlaRoundSummary> {
    const summary: SlaRoundSummary = { emitted: 0, failed: 0 };
    const now = clock.now();
    const horizon = now + parsed.warnBeforeMs;
    try {
      let afterSequence: number | undefined;
      for (;;) {
        const items = await store.list({
          overdueAt: horizon,
          limit: parsed.batchSize,
          ...(afterSequence === undefined ? {} : { afterSequence }),
        });
        for (const item of items) {
          for (const candidate of candidates(item, now, horizon)) {
            if (stopped) return summary;
            try {
              if (await deliver(item, candidate, now)) summary.emitted += 1;
            } catch (error) {
              summary.failed += 1;
              report(error);
            }
          }
        }
        if (items.length < parsed.batchSize) break;
        afterSequence = items.at(-1)?.sequence;
      }
    } catch (error) {
      summary.failed += 1;
      report(error);
    }
    return summary;
  }

  const runRound = () => {
    const next = current.then(round);
    current = next.catch(() => {});
    return next;
  };
  const loop = async () => {
    cancelTimer = undefined;
    if (stopped) return;
    await runRound();
    if (!stopped) cancelTimer = clock.setTimer(parsed.intervalMs, () => void loop());
  };
  const stop = async () => {
    stopped = true;
    cancelTimer?.();
    cancelTimer = undefined;
    parsed.abortSignal?.removeEventListener('abort', onAbort);
    await current;
  };
  const onAbort = () => void stop();
  parsed.abortSignal?.addEventListener('abort', onAbort, { once: true });
  void loop();
  return { stop, runRound };
}
