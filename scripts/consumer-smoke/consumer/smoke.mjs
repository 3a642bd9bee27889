// ESM consumer: loads every package with `import` (their `import` builds) and runs the checks.

import { fileURLToPath } from 'node:url';
import * as pglite from '@electric-sql/pglite';
import * as aiSdk from '@guardloop/ai-sdk';
import * as core from '@guardloop/core';
import * as coreInternal from '@guardloop/core/internal';
import * as deterministic from '@guardloop/deterministic';
import * as economic from '@guardloop/economic';
import * as feedback from '@guardloop/feedback';
import * as hypotheses from '@guardloop/hypotheses';
import * as hypothesesAi from '@guardloop/hypotheses/ai';
import * as hypothesesJobs from '@guardloop/hypotheses/jobs';
import * as inbox from '@guardloop/inbox';
import * as intake from '@guardloop/intake';
import * as otel from '@guardloop/otel';
import * as postgres from '@guardloop/postgres';
import * as postgresCounter from '@guardloop/postgres/counter';
import * as postgresFeedback from '@guardloop/postgres/feedback';
import * as postgresInbox from '@guardloop/postgres/inbox';
import * as postgresIntake from '@guardloop/postgres/intake';
import * as postgresLearning from '@guardloop/postgres/learning';
import * as postgresSla from '@guardloop/postgres/sla';
import * as postgresUndoLog from '@guardloop/postgres/undo-log';
import * as semantic from '@guardloop/semantic';
import * as semanticAi from '@guardloop/semantic/ai';
import * as semanticData from '@guardloop/semantic/data';
import * as undoLog from '@guardloop/undo-log';
import * as ai from 'ai';
import * as aiTest from 'ai/test';
import * as zod from 'zod';
import checks from './checks.cjs';

await checks.runChecks('ESM, import', {
  ai,
  aiTest,
  pglite,
  aiSdk,
  core,
  coreInternal,
  deterministic,
  economic,
  feedback,
  hypotheses,
  hypothesesAi,
  hypothesesJobs,
  inbox,
  intake,
  otel,
  postgres,
  postgresCounter,
  postgresFeedback,
  postgresInbox,
  postgresIntake,
  postgresLearning,
  postgresSla,
  postgresUndoLog,
  semantic,
  semanticAi,
  semanticData,
  undoLog,
  zod,
  // Resolved and loaded from here, so through the `import` conditions.
  resolve: (specifier) => fileURLToPath(import.meta.resolve(specifier)),
  load: (specifier) => import(specifier),
});
