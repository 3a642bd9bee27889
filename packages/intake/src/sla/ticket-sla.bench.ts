import { test } from 'vitest';
import { createTicketSlaTracker, type TicketSlaTracker } from './create-ticket-sla-tracker';
import { evaluateTicketSla } from './evaluate-ticket-sla';
import { defineSlaPolicies } from './sla-policies';
import type { TicketSlaEventInput } from './ticket-sla-event';

// SLA evaluation per ticket event with 100,000 live tickets: the incremental path (a tracker per
// ticket folds the new event and evaluates) against the full recompute (the whole history
// folded again), measured in one run and printed as ratios. Short on purpose (shared machine).
// Run: pnpm vitest bench --run packages/intake/src/sla

const minute = 60_000;
const t0 = Date.parse('2026-12-01T08:00:00Z');
const tickets = 100_000;
const policies = defineSlaPolicies([
  {
    id: 'enterprise',
    filter: { segment: ['enterprise'] },
    warnBeforeMs: 10 * minute,
    targets: {
      p1: { firstResponseMs: 30 * minute, nextResponseMs: 60 * minute, resolutionMs: 480 * minute },
      '*': { firstResponseMs: 120 * minute, resolutionMs: 2880 * minute },
    },
  },
  {
    id: 'default',
    targets: { '*': { firstResponseMs: 480 * minute, resolutionMs: 4320 * minute } },
  },
]);

// A typical live ticket so far: created, replied, a pending_customer spell, messages back and forth.
const history = (index: number): TicketSlaEventInput[] => [
  {
    type: 'created',
    at: t0,
    fields: { segment: index % 3 ? 'smb' : 'enterprise', priority: index % 2 ? 'p1' : 'p2' },
  },
  { type: 'status_changed', at: t0 + minute, status: 'triaged' },
  { type: 'agent_replied', at: t0 + 10 * minute },
  { type: 'status_changed', at: t0 + 11 * minute, status: 'pending_customer' },
  { type: 'customer_messaged', at: t0 + 60 * minute },
  { type: 'status_changed', at: t0 + 61 * minute, status: 'in_progress' },
  { type: 'agent_replied', at: t0 + 90 * minute },
  { type: 'customer_messaged', at: t0 + 120 * minute },
];
// Histories of the same shape are shared between tickets: the full recompute reads one per event.
const templates = Array.from({ length: 6 }, (_, index) => history(index));
const trackers: TicketSlaTracker[] = Array.from({ length: tickets }, (_, index) => {
  const tracker = createTicketSlaTracker(`t-${index}`, { policies });
  for (const event of templates[index % 6] as TicketSlaEventInput[]) tracker.apply(event);
  return tracker;
});

let nextIncremental = 0;
let incrementalAt = t0 + 121 * minute;
function incremental() {
  const index = nextIncremental++ % tickets;
  if (index === 0) incrementalAt += minute;
  const tracker = trackers[index] as TicketSlaTracker;
  const event: TicketSlaEventInput =
    index % 2
      ? { type: 'agent_replied', at: incrementalAt }
      : { type: 'customer_messaged', at: incrementalAt };
  tracker.apply(event);
  return tracker.evaluate(incrementalAt);
}

// A long-running ticket: 16 more exchanges after the typical start (40 events in all).
const long = [
  ...history(0),
  ...Array.from({ length: 16 }, (_, round): TicketSlaEventInput[] => [
    { type: 'agent_replied', at: t0 + (130 + round * 10) * minute },
    { type: 'customer_messaged', at: t0 + (135 + round * 10) * minute },
  ]).flat(),
];
const longAt = t0 + 300 * minute;
let nextLong = 0;
function fullRecomputeLong() {
  const index = nextLong++ % tickets;
  const events = [...long, { type: 'agent_replied' as const, at: longAt }];
  return evaluateTicketSla({ ticketId: `t-${index}`, events }, policies, { now: longAt });
}

let nextFull = 0;
const fullAt = t0 + 121 * minute;
function fullRecompute() {
  const index = nextFull++ % tickets;
  const events = [
    ...(templates[index % 6] as TicketSlaEventInput[]),
    { type: 'agent_replied' as const, at: fullAt },
  ];
  return evaluateTicketSla({ ticketId: `t-${index}`, events }, policies, { now: fullAt });
}

const runOptions = { time: 1000, warmupTime: 200 };

test('ticket SLA evaluation per event, 100,000 live tickets', async ({ bench }) => {
  const names = [
    'full recompute (9 events)',
    'full recompute (41 events)',
    'incremental tracker',
  ] as const;
  const results = await bench.compare(
    bench(names[0], fullRecompute),
    bench(names[1], fullRecomputeLong),
    bench(names[2], incremental),
    runOptions,
  );
  const base = results.get(names[0]).latency.p50;
  const lines = names.map((name) => {
    const { p50 } = results.get(name).latency;
    return `  ${name}: ${(p50 * 1000).toFixed(2)} µs median (time ${(p50 / base).toFixed(2)}x, speed ${(base / p50).toFixed(2)}x)`;
  });
  console.log(`Ticket SLA per event (ratios against the first line)\n${lines.join('\n')}`);
});
