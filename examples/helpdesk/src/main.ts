// `pnpm demo`: replays two weeks of help-desk tickets through guardloop, offline and seeded.
import { mkdir, rm } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { openPgliteDirectory } from '@guardloop/postgres';
import { createProgress } from './progress';
import { writeReports } from './report/write-reports';
import { runReplay } from './simulation/replay';
import { createDemoTelemetry } from './telemetry/demo-telemetry';
import { otlpJsonPath, writeOtlpJson } from './telemetry/otlp-json';

const root = join(import.meta.dirname, '..');
const databaseDirectory = join(root, '.guardloop', 'helpdesk-db');
const reportPath = join(root, 'out', 'report.html');

// A clean replay every time: the undo log and the counters start empty.
await rm(databaseDirectory, { recursive: true, force: true });
await mkdir(join(root, '.guardloop'), { recursive: true });
// Locked while open: a second `pnpm demo` fails at once (database_locked) instead of losing writes.
const opened = await openPgliteDirectory<PGlite>(databaseDirectory);
const { database } = opened;
const progress = createProgress();
const apiKey = process.env.OPENAI_API_KEY;
// Spans are always recorded in memory (the report draws a waterfall); written out on request.
// Relative to where `pnpm demo` was typed (INIT_CWD), not to this package.
const requestedOtlp = otlpJsonPath(process.argv.slice(2), process.env);
const otlpPath = requestedOtlp && resolve(process.env.INIT_CWD ?? process.cwd(), requestedOtlp);
const telemetry = createDemoTelemetry({ seed: 7 });
try {
  const replay = await runReplay({
    database,
    days: 14,
    ticketsPerDay: 26,
    outageDay: 5,
    fraudDay: 7,
    baselineDays: 4,
    classifier: {
      openAiApiKey: apiKey,
      ...(process.env.OPENAI_MODEL ? { openAiModel: process.env.OPENAI_MODEL } : {}),
    },
    onProgress: (done, total) => progress.update(done, total),
    telemetry,
  });
  progress.stop();
  const { terminal } = await writeReports(replay, reportPath);
  console.log(terminal);
  if (otlpPath) {
    await writeOtlpJson(otlpPath, telemetry.spans());
    console.log(`Spans (OTLP JSON): ${otlpPath}`);
  }
  console.log(
    `Undo log, inbox and counters: ${relative(process.cwd(), databaseDirectory) || databaseDirectory} (PGlite)`,
  );
} finally {
  progress.stop();
  await opened.close();
}
