import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import type { SlaEvent } from '../sla/sla-event';
import type { InboxStore } from '../store/inbox-store';
import type { InboxStoreContractOptions } from './contract-options';
import { newTestItem } from './new-test-item';
import { createTestInbox, refundEscalation, reviewers } from './test-inbox';

const minute = 60_000;
const key = (itemId: string) => ({
  itemId,
  deadline: 'decide' as const,
  kind: 'breached' as const,
});

/** What `startSlaMonitor` needs of a store, called directly (the methods are optional). */
function claims(store: InboxStore) {
  const claim = store.claimSlaEvent?.bind(store);
  const complete = store.completeSlaEvent?.bind(store);
  if (!claim || !complete) throw new Error('store lacks claimSlaEvent / completeSlaEvent');
  return { claim, complete };
}

/** SLA event claims, and monitors over the store emitting each event exactly once. */
export function describeSlaMonitorOverStore({
  name,
  createStore,
  createPeerStore,
}: InboxStoreContractOptions): void {
  describe(`InboxStore contract (${name}): SLA event claims`, () => {
    it('claims an event once, again only after an uncompleted lease expires', async () => {
      const { claim, complete } = claims(await createStore());
      const itemId = newTestItem().id;
      const at = (now: number, claimant = 'm1') => ({
        ...key(itemId),
        claimant,
        now,
        leaseMs: 100,
      });
      expect(await claim(at(1_000))).toEqual({ claimed: true, attempt: 1 });
      expect(await claim(at(1_050, 'm2'))).toEqual({ claimed: false, attempt: 0 });
      expect(await claim(at(1_100, 'm2'))).toEqual({ claimed: true, attempt: 2 });
      // m1's lease is gone: its late completion is refused, m2's counts.
      expect(await complete({ ...key(itemId), claimant: 'm1', now: 1_150 })).toBe(false);
      expect(await complete({ ...key(itemId), claimant: 'm2', now: 1_150 })).toBe(true);
      expect(await complete({ ...key(itemId), claimant: 'm2', now: 1_160 })).toBe(false);
      expect(await claim(at(9_999_999, 'm3'))).toEqual({ claimed: false, attempt: 0 });
      // Each deadline and kind has its own marker.
      expect(await claim({ ...at(1_000), kind: 'warning' })).toMatchObject({ claimed: true });
      expect(await claim({ ...at(1_000), deadline: 'acknowledge' })).toMatchObject({
        claimed: true,
      });
    });

    it('gives a contended claim to exactly one claimant, also through another pool', async () => {
      const store = await createStore();
      const peer = createPeerStore ? await createPeerStore(store) : store;
      const itemId = newTestItem().id;
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          claims(index % 2 ? peer : store).claim({
            ...key(itemId),
            claimant: `m${index}`,
            now: 1_000,
            leaseMs: 60_000,
          }),
        ),
      );
      expect(results.filter((result) => result.claimed)).toHaveLength(1);
    });

    it.each<[string, Record<string, unknown>]>([
      ['an unknown deadline', { deadline: 'resolve' }],
      ['a zero lease', { leaseMs: 0 }],
      ['a fractional time', { now: 1.5 }],
      ['an extra field', { extra: 1 }],
    ])('refuses a claim with %s as invalid_input', async (_, change) => {
      const { claim } = claims(await createStore());
      await expect(
        claim({ ...key('i-1'), claimant: 'm', now: 1, leaseMs: 10, ...change } as never),
      ).rejects.toSatisfy((error) => GuardloopError.hasCode(error, 'invalid_input'));
    });
  });

  describe(`InboxStore contract (${name}): SLA monitors`, () => {
    async function setUp(store: InboxStore, sla?: Record<string, unknown>) {
      const test = createTestInbox(store, {
        sla: {
          urgent: {
            acknowledgeWithinMs: 5 * minute,
            decideWithinMs: 30 * minute,
            onBreach: { moveToQueue: 'tier-2', page: true },
          },
          normal: { acknowledgeWithinMs: 60 * minute, decideWithinMs: 240 * minute },
          ...sla,
        },
      });
      return test;
    }

    it('warns, then breaches, once per deadline, running the escalation path', async () => {
      const store = await createStore();
      const { inbox, clock } = await setUp(store);
      const item = await inbox.escalate(refundEscalation({ priority: 'urgent' }));
      const events: SlaEvent[] = [];
      const pages: string[] = [];
      const errors: unknown[] = [];
      const monitor = inbox.startSlaMonitor({
        intervalMs: minute,
        warnBeforeMs: 2 * minute,
        onEvent: (event) => void events.push(event),
        onError: (error) => void errors.push(error),
        page: (event) => void pages.push(event.id),
      });
      const seen = () => events.map((event) => `${event.type}:${event.deadline}`);
      await monitor.runRound();
      expect(seen()).toEqual([]);
      clock.advance(3 * minute); // 2 minutes before acknowledge-by: timer rounds ran meanwhile
      await monitor.runRound();
      expect(seen()).toEqual(['sla_warning:acknowledge']);
      clock.advance(3 * minute);
      await monitor.runRound();
      await monitor.runRound();
      expect(seen()).toEqual(['sla_warning:acknowledge', 'sla_breached:acknowledge']);
      const breach = events[1] as SlaEvent;
      expect(breach).toMatchObject({
        id: `sla:${item.id}:acknowledge:breached`,
        attempt: 1,
        escalation: { movedToQueue: 'tier-2', paged: true },
        item: { queue: 'tier-2' },
      });
      expect(pages).toEqual([breach.id]);
      // Acknowledged late: the decide clock keeps running and breaches on its own.
      await inbox.claim(item.id, { reviewer: reviewers.tier1, leaseMs: 60 * minute });
      clock.advance(30 * minute);
      await monitor.runRound();
      await monitor.stop();
      expect(seen()).toEqual([
        'sla_warning:acknowledge',
        'sla_breached:acknowledge',
        'sla_breached:decide',
      ]);
      expect(events[2]?.escalation).toEqual({ movedToQueue: null, paged: true });
      const history = (await inbox.get(item.id)).history.filter(
        (entry) => entry.type === 'sla_breached',
      );
      expect(history.map((entry) => entry.details)).toEqual([
        expect.objectContaining({ deadline: 'acknowledge', movedToQueue: 'tier-2', paged: true }),
        expect.objectContaining({ deadline: 'decide', movedToQueue: null, paged: true }),
      ]);
      expect(errors).toEqual([]);
    });

    it('emits each event exactly once when two monitors (two pools) race', async () => {
      const store = await createStore();
      const peer = createPeerStore ? await createPeerStore(store) : store;
      const a = await setUp(store);
      const b = createTestInbox(peer, { ...a.options, store: peer, clock: a.clock });
      for (let index = 0; index < 6; index++)
        await a.inbox.escalate(refundEscalation({ priority: index % 2 ? 'urgent' : 'normal' }));
      const events: SlaEvent[] = [];
      const options = {
        intervalMs: minute,
        onEvent: async (event: SlaEvent) => void events.push(event),
        onError: (error: unknown) => {
          throw error;
        },
        page: () => {},
      };
      const monitors = [a.inbox.startSlaMonitor(options), b.inbox.startSlaMonitor(options)];
      a.clock.advance(5 * 60 * minute); // every deadline of every item has passed
      await Promise.all(monitors.flatMap((monitor) => [monitor.runRound(), monitor.runRound()]));
      await Promise.all(monitors.map((monitor) => monitor.stop()));
      const ids = events.map((event) => event.id);
      expect(ids).toHaveLength(12);
      expect(new Set(ids).size).toBe(12);
    });

    it('delivers again, with the same id, an event whose handler failed', async () => {
      const store = await createStore();
      const { inbox, clock } = await setUp(store);
      const item = await inbox.escalate(refundEscalation({ priority: 'urgent' }));
      const events: SlaEvent[] = [];
      const errors: unknown[] = [];
      let failing = true;
      const monitor = inbox.startSlaMonitor({
        intervalMs: 10 * minute,
        claimLeaseMs: 5 * minute,
        onEvent: (event) => {
          if (failing) throw new Error('pager down');
          events.push(event);
        },
        onError: (error) => void errors.push(error),
        page: () => {},
      });
      await monitor.runRound(); // after the monitor's first round, which found nothing yet
      clock.advance(6 * minute);
      expect(await monitor.runRound()).toEqual({ emitted: 0, failed: 1 });
      expect(errors).toEqual([expect.objectContaining({ message: 'pager down' })]);
      failing = false;
      await monitor.runRound(); // still leased by the failed attempt
      expect(events).toEqual([]);
      clock.advance(5 * minute);
      await monitor.runRound();
      await monitor.stop();
      expect(events.map((event) => [event.id, event.attempt])).toEqual([
        [`sla:${item.id}:acknowledge:breached`, 2],
      ]);
      // The escalation path ran once.
      const read = await inbox.get(item.id);
      expect(read.history.filter((entry) => entry.type === 'sla_breached')).toHaveLength(1);
      expect(events[0]?.escalation).toEqual({ movedToQueue: 'tier-2', paged: true });
    });
  });
}
