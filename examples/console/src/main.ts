import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { type Clock, createManualClock, systemClock } from '@guardloop/core';
import { createPgClient, createPgliteClient } from '@guardloop/postgres';
import { serve } from '@hono/node-server';
import pg from 'pg';
import { reviewerListSchema } from './app/reviewers';
import { createConsole } from './create-console';
import { backfill } from './simulation/backfill';

const databaseUrl = process.env.GUARDLOOP_CONSOLE_DATABASE_URL;
const port = Number(process.env.PORT ?? 3000);
const tickMs = Number(process.env.GUARDLOOP_CONSOLE_TICK_MS ?? 4000);

// Yesterday is replayed on a manual clock (the KPI baseline); then the console runs in real time.
const dayMs = 86_400_000;
const manual = createManualClock(Math.floor(Date.now() / dayMs) * dayMs - dayMs + 8 * 3_600_000);
let live = false;
const clock: Clock = {
  now: () => (live ? Date.now() : manual.now()),
  setTimer: (ms, callback) => (live ? systemClock : manual).setTimer(ms, callback),
};

const client = databaseUrl
  ? createPgClient(new pg.Pool({ connectionString: databaseUrl }))
  : createPgliteClient(new PGlite());
const reviewersJson = process.env.GUARDLOOP_CONSOLE_REVIEWERS;
const consoleApp = await createConsole({
  client,
  clock,
  sessionSecret: process.env.GUARDLOOP_CONSOLE_SECRET ?? randomBytes(32).toString('base64url'),
  ...(reviewersJson ? { reviewers: reviewerListSchema.parse(JSON.parse(reviewersJson)) } : {}),
  // A persistent server keeps earlier runs' traces: a run tag keeps ticket ids apart.
  ...(databaseUrl ? { runTag: `${Date.now().toString(36)}-` } : {}),
});

console.log('Replaying yesterday for the KPI baseline...');
await backfill({
  simulation: consoleApp.simulation,
  services: consoleApp.services,
  clock: manual,
  tickets: 36,
  everyMs: 25 * 60_000,
});
live = true;

// New tickets pause while the inbox is full: a console left running stays workable.
const maxPending = 40;
let busy = false;
const timer = setInterval(() => {
  if (busy) return;
  busy = true;
  consoleApp.services.inbox
    .list({ status: 'pending', limit: maxPending })
    .then((page) => (page.items.length < maxPending ? consoleApp.simulation.tick() : undefined))
    .catch((error: unknown) => console.error('ticket failed', error))
    .finally(() => {
      busy = false;
    });
}, tickMs);
const server = serve({ fetch: consoleApp.app.fetch, port }, (info) => {
  console.log(
    `guardloop console on http://localhost:${info.port} (reviewers: sam/sam tier-2, ria/ria tier-1)`,
  );
  console.log(
    `Storage: ${databaseUrl ? 'PostgreSQL' : 'PGlite in memory'}; a ticket every ${tickMs / 1000}s.`,
  );
});
process.on('SIGINT', () => {
  clearInterval(timer);
  server.close(() => process.exit(0));
});
