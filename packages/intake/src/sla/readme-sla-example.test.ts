import { createBusinessCalendar, createManualClock, type Signal } from '@guardloop/core';
import { expect, it } from 'vitest';
import { createTicketSlaMonitor } from './create-ticket-sla-monitor';
import { evaluateTicketSla } from './evaluate-ticket-sla';
import { createMemoryTicketSlaStore } from './memory-ticket-sla-store';
import { defineSlaPolicies } from './sla-policies';

// The "Ticket SLA policies" example of the package README, with its comments checked.
it('runs the README ticket SLA example as documented', async () => {
  const hour = 3_600_000;
  const policies = defineSlaPolicies([
    {
      id: 'enterprise',
      filter: { segment: ['enterprise'] },
      businessHours: true,
      warnBeforeMs: hour / 4,
      targets: {
        p1: { firstResponseMs: hour, nextResponseMs: 2 * hour, resolutionMs: 8 * hour },
        '*': { firstResponseMs: 4 * hour, resolutionMs: 24 * hour },
      },
    },
    { id: 'default', targets: { '*': { firstResponseMs: 8 * hour, resolutionMs: 72 * hour } } },
  ]);
  const calendar = createBusinessCalendar({
    timeZone: 'Europe/Berlin',
    hours: { start: '09:00', end: '17:00' },
    holidays: ['2026-12-25'],
  });
  const created = Date.parse('2026-12-24T15:00:00Z');
  const evaluation = evaluateTicketSla(
    {
      ticketId: 't-1',
      events: [
        { type: 'created', at: created, fields: { segment: 'enterprise', priority: 'p1' } },
        { type: 'agent_replied', at: created + 30 * 60_000 },
      ],
    },
    policies,
    { calendar, now: Date.parse('2026-12-28T09:00:00Z') },
  );
  expect(evaluation.metrics.map((metric) => [metric.metric, metric.status])).toEqual([
    ['first_response', 'met'],
    ['resolution', 'running'],
  ]);
  expect(evaluation.metrics[1]?.dueAt).toBe(Date.parse('2026-12-28T15:00:00Z')); // Monday 16:00
  const clock = createManualClock(created);
  const signals: Signal[] = [];
  const monitor = createTicketSlaMonitor({
    store: createMemoryTicketSlaStore(),
    policies,
    calendar,
    clock,
    onSignal: (signal) => {
      signals.push(signal);
    },
  });
  await monitor.record('t-2', { type: 'created', at: clock.now(), fields: { priority: 'p1' } });
  clock.advance(9 * hour);
  await monitor.tick();
  expect(
    signals.map((signal) => [signal.payload.policy, signal.payload.target, signal.payload.alert]),
  ).toEqual([['default', 'first_response', 'breach']]);
});
