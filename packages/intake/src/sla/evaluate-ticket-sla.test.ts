import { createBusinessCalendar, type TicketStatus } from '@guardloop/core';
import { createSeededRandom } from '@guardloop/core/internal';
import { describe, expect, it } from 'vitest';
import { InvalidSlaEventError } from '../errors/invalid-sla-event-error';
import { InvalidSlaPolicyError } from '../errors/invalid-sla-policy-error';
import { createTicketSlaTracker } from './create-ticket-sla-tracker';
import { evaluateTicketSla } from './evaluate-ticket-sla';
import { defineSlaPolicies } from './sla-policies';
import type { TicketSlaEventInput } from './ticket-sla-event';

const minute = 60_000;
const hour = 60 * minute;
const t0 = Date.parse('2026-12-01T08:00:00Z'); // a Tuesday
const policies = defineSlaPolicies([
  {
    id: 'enterprise',
    filter: { segment: ['enterprise'] },
    targets: {
      p1: { firstResponseMs: 30 * minute, nextResponseMs: hour, resolutionMs: 4 * hour },
      '*': { firstResponseMs: 2 * hour, resolutionMs: 24 * hour },
    },
    warnBeforeMs: 10 * minute,
  },
  { id: 'default', targets: { '*': { firstResponseMs: 8 * hour, resolutionMs: 72 * hour } } },
]);
const created = (fields = {}): TicketSlaEventInput => ({ type: 'created', at: t0, fields });
const metric = (evaluation: ReturnType<typeof evaluateTicketSla>, name: string, instance = 1) =>
  evaluation.metrics.find((entry) => entry.metric === name && entry.instance === instance);

describe('evaluateTicketSla', () => {
  it('picks the first matching policy and the targets of the priority', () => {
    const history = {
      ticketId: 't1',
      events: [created({ segment: 'enterprise', priority: 'p1' })],
    };
    const result = evaluateTicketSla(history, policies, { now: t0 + 20 * minute });
    expect(result).toMatchObject({ policyId: 'enterprise', priority: 'p1', paused: false });
    expect(metric(result, 'first_response')).toMatchObject({
      status: 'running',
      targetMs: 30 * minute,
      elapsedMs: 20 * minute,
      dueAt: t0 + 30 * minute,
      warnAt: t0 + 20 * minute,
      lateMs: 0,
    });
    const other = evaluateTicketSla({ ticketId: 't2', events: [created()] }, policies, { now: t0 });
    expect(other.policyId).toBe('default');
  });

  it('stops the first response at a public reply and ignores internal notes', () => {
    const events: TicketSlaEventInput[] = [
      created({ segment: 'enterprise', priority: 'p1' }),
      { type: 'agent_replied', at: t0 + 10 * minute, public: false },
      { type: 'agent_replied', at: t0 + 40 * minute },
    ];
    const result = evaluateTicketSla({ ticketId: 't', events }, policies, { now: t0 + hour });
    expect(metric(result, 'first_response')).toMatchObject({
      status: 'missed',
      stoppedAt: t0 + 40 * minute,
      lateMs: 10 * minute,
    });
  });

  it('runs a next response per customer message after the first reply', () => {
    const events: TicketSlaEventInput[] = [
      created({ segment: 'enterprise', priority: 'p1' }),
      { type: 'customer_messaged', at: t0 + minute },
      { type: 'agent_replied', at: t0 + 5 * minute },
      { type: 'customer_messaged', at: t0 + 10 * minute },
      { type: 'customer_messaged', at: t0 + 20 * minute },
      { type: 'agent_replied', at: t0 + 30 * minute },
      { type: 'customer_messaged', at: t0 + 40 * minute },
    ];
    const result = evaluateTicketSla({ ticketId: 't', events }, policies, { now: t0 + 3 * hour });
    expect(metric(result, 'first_response')?.status).toBe('met');
    expect(metric(result, 'next_response', 1)).toMatchObject({
      status: 'met',
      elapsedMs: 20 * minute,
    });
    expect(metric(result, 'next_response', 2)).toMatchObject({
      status: 'breached',
      dueAt: t0 + 100 * minute,
      lateMs: 80 * minute,
    });
  });

  it('pauses every clock while pending_customer', () => {
    const events: TicketSlaEventInput[] = [
      created({ segment: 'enterprise', priority: 'p1' }),
      { type: 'status_changed', at: t0 + 10 * minute, status: 'pending_customer' },
      { type: 'status_changed', at: t0 + 2 * hour, status: 'in_progress' },
    ];
    const paused = evaluateTicketSla({ ticketId: 't', events: events.slice(0, 2) }, policies, {
      now: t0 + hour,
    });
    expect(paused.paused).toBe(true);
    expect(metric(paused, 'first_response')).toMatchObject({
      status: 'paused',
      dueAt: null,
      elapsedMs: 10 * minute,
    });
    const resumed = evaluateTicketSla({ ticketId: 't', events }, policies, { now: t0 + 2 * hour });
    expect(metric(resumed, 'first_response')?.dueAt).toBe(t0 + 2 * hour + 20 * minute);
  });

  it('recomputes targets when the priority changes', () => {
    const events: TicketSlaEventInput[] = [
      created({ segment: 'enterprise', priority: 'p3' }),
      { type: 'priority_changed', at: t0 + 45 * minute, priority: 'p1' },
    ];
    const result = evaluateTicketSla({ ticketId: 't', events }, policies, {
      now: t0 + 45 * minute,
    });
    // Measured from creation: the new 30-minute target was already due.
    expect(metric(result, 'first_response')).toMatchObject({
      status: 'breached',
      dueAt: t0 + 30 * minute,
    });
  });

  it('stops every clock at resolution and starts a new resolution on reopen', () => {
    const events: TicketSlaEventInput[] = [
      created({ segment: 'enterprise', priority: 'p1' }),
      { type: 'status_changed', at: t0 + hour, status: 'resolved' },
      { type: 'status_changed', at: t0 + 2 * hour, status: 'in_progress' },
    ];
    const result = evaluateTicketSla({ ticketId: 't', events }, policies, { now: t0 + 3 * hour });
    expect(metric(result, 'first_response')?.status).toBe('missed');
    expect(metric(result, 'resolution', 1)).toMatchObject({ status: 'met', elapsedMs: hour });
    expect(metric(result, 'resolution', 2)).toMatchObject({
      status: 'running',
      startedAt: t0 + 2 * hour,
    });
  });

  it('counts open hours only for business-hours policies, recomputed with a changed calendar', () => {
    const office = defineSlaPolicies([
      { id: 'office', businessHours: true, targets: { '*': { firstResponseMs: 2 * hour } } },
    ]);
    const history = {
      ticketId: 't',
      events: [{ type: 'created' as const, at: Date.parse('2026-12-24T15:00:00Z') }],
    };
    const berlin = (holidays: string[]) =>
      createBusinessCalendar({
        timeZone: 'Europe/Berlin',
        hours: { start: '09:00', end: '17:00' },
        holidays,
      });
    const now = Date.parse('2026-12-24T15:30:00Z');
    const workday = evaluateTicketSla(history, office, { calendar: berlin([]), now });
    expect(metric(workday, 'first_response')?.dueAt).toBe(Date.parse('2026-12-25T09:00:00Z'));
    const holiday = evaluateTicketSla(history, office, { calendar: berlin(['2026-12-25']), now });
    expect(metric(holiday, 'first_response')?.dueAt).toBe(Date.parse('2026-12-28T09:00:00Z'));
    expect(() => evaluateTicketSla(history, office, { now })).toThrow(
      expect.toSatisfy(InvalidSlaPolicyError.isInstance),
    );
  });

  it('moves to another policy when the fields change, keeping the measured time', () => {
    const events: TicketSlaEventInput[] = [
      created({ segment: 'smb' }),
      { type: 'fields_changed', at: t0 + hour, fields: { segment: 'enterprise', channel: 'chat' } },
    ];
    const result = evaluateTicketSla({ ticketId: 't', events }, policies, { now: t0 + hour });
    expect(result.policyId).toBe('enterprise');
    expect(metric(result, 'first_response')).toMatchObject({
      targetMs: 2 * hour,
      dueAt: t0 + 2 * hour,
    });
  });

  it('keeps the state bounded: old stopped clocks are dropped, too many pauses are refused', () => {
    const tracker = createTicketSlaTracker('t', { policies });
    tracker.apply(created({ segment: 'enterprise', priority: 'p1' }));
    for (let index = 1; index <= 100; index++) {
      tracker.apply({ type: 'agent_replied', at: t0 + index * 2 * minute });
      tracker.apply({ type: 'customer_messaged', at: t0 + (index * 2 + 1) * minute });
    }
    expect(tracker.state?.clocks).toHaveLength(64);
    expect(tracker.state?.clocks.filter((clock) => clock.stoppedAt === null)).toHaveLength(2);
    const paused = createTicketSlaTracker('p', { policies });
    paused.apply(created());
    let at = t0;
    const toggle = (status: 'pending_customer' | 'in_progress') =>
      paused.apply({ type: 'status_changed', at: ++at, status });
    for (let index = 0; index < 500; index++) {
      toggle('pending_customer');
      toggle('in_progress');
    }
    expect(() => toggle('pending_customer')).toThrow(
      expect.objectContaining({ code: 'invalid_sla_event' }),
    );
  });

  it.each<[string, unknown]>([
    ['no history', undefined],
    ['no events', { ticketId: 't', events: [] }],
    [
      'a history without created',
      { ticketId: 't', events: [{ type: 'customer_messaged', at: t0 }] },
    ],
    ['two created events', { ticketId: 't', events: [created(), created()] }],
    [
      'events out of order',
      { ticketId: 't', events: [created(), { type: 'customer_messaged', at: t0 - 1 }] },
    ],
    ['an unknown event', { ticketId: 't', events: [created(), { type: 'merged', at: t0 }] }],
    [
      'an unknown status',
      { ticketId: 't', events: [created(), { type: 'status_changed', at: t0, status: 'open' }] },
    ],
  ])('rejects %s with invalid_sla_event', (_, history) => {
    expect(() => evaluateTicketSla(history as never, policies, { now: t0 })).toThrow(
      expect.toSatisfy(InvalidSlaEventError.isInstance),
    );
  });

  it('rejects policies not from defineSlaPolicies and malformed options', () => {
    const history = { ticketId: 't', events: [created()] };
    expect(() => evaluateTicketSla(history, { policies: [] } as never, { now: t0 })).toThrow(
      expect.objectContaining({ code: 'invalid_sla_policy' }),
    );
    expect(() => evaluateTicketSla(history, policies, { now: -1 })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => evaluateTicketSla(history, policies, undefined as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});

const statuses: TicketStatus[] = [
  'new',
  'triaged',
  'in_progress',
  'pending_customer',
  'resolved',
  'closed',
];

function randomHistory(random: () => number): TicketSlaEventInput[] {
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)] as T;
  let at = t0 + Math.floor(random() * 7 * 24 * hour);
  const events: TicketSlaEventInput[] = [
    {
      type: 'created',
      at,
      fields: { segment: pick(['enterprise', 'smb']), priority: pick(['p1', 'p2', 'p3']) },
    },
  ];
  const count = Math.floor(random() * 30);
  for (let index = 0; index < count; index++) {
    at += Math.floor(random() * 6 * hour);
    const kind = random();
    if (kind < 0.3) events.push({ type: 'customer_messaged', at });
    else if (kind < 0.55) events.push({ type: 'agent_replied', at, public: random() < 0.8 });
    else if (kind < 0.9) events.push({ type: 'status_changed', at, status: pick(statuses) });
    else events.push({ type: 'priority_changed', at, priority: pick(['p1', 'p2', 'p3']) });
  }
  return events;
}

describe('createTicketSlaTracker', () => {
  const calendar = createBusinessCalendar({
    timeZone: 'America/New_York',
    hours: { start: '08:00', end: '18:00' },
    holidays: ['2026-12-25'],
  });
  const mixed = defineSlaPolicies([
    {
      id: 'enterprise',
      filter: { segment: ['enterprise'] },
      businessHours: true,
      warnBeforeMs: 15 * minute,
      targets: { '*': { firstResponseMs: hour, nextResponseMs: 2 * hour, resolutionMs: 8 * hour } },
    },
    { id: 'rest', targets: { p1: { firstResponseMs: 4 * hour, resolutionMs: 24 * hour } } },
  ]);

  it('gives the same answer as the full recompute on random histories, restored from JSON each event', () => {
    const random = createSeededRandom(16);
    for (let run = 0; run < 50; run++) {
      const events = randomHistory(random);
      let tracker = createTicketSlaTracker('t', { policies: mixed, calendar });
      events.forEach((event, index) => {
        tracker.apply(event);
        // What the monitor does: the state goes through a store between events.
        const state = JSON.parse(JSON.stringify(tracker.state));
        tracker = createTicketSlaTracker('t', { policies: mixed, calendar, state });
        const now = event.at + Math.floor(random() * 12 * hour);
        const full = evaluateTicketSla(
          { ticketId: 't', events: events.slice(0, index + 1) },
          mixed,
          {
            calendar,
            now,
          },
        );
        expect(tracker.evaluate(now)).toEqual(full);
      });
    }
  });

  it('rejects bad ids, states and events with typed errors', () => {
    expect(() => createTicketSlaTracker('', { policies })).toThrow(
      expect.toSatisfy(InvalidSlaEventError.isInstance),
    );
    expect(() =>
      createTicketSlaTracker('t', { policies, state: { ticketId: 't' } as never }),
    ).toThrow(expect.objectContaining({ code: 'malformed_ticket_sla_state' }));
    const tracker = createTicketSlaTracker('t', { policies });
    expect(() => tracker.evaluate(t0)).toThrow(expect.toSatisfy(InvalidSlaEventError.isInstance));
    expect(() => tracker.apply({ type: 'agent_replied', at: 1 })).toThrow(
      expect.toSatisfy(InvalidSlaEventError.isInstance),
    );
    tracker.apply(created());
    expect(() => tracker.apply({ type: 'customer_messaged', at: t0 - 1 })).toThrow(
      expect.objectContaining({ code: 'invalid_sla_event' }),
    );
    expect(() => tracker.evaluate(Number.NaN)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});
