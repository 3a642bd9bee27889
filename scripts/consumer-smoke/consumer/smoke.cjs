// CommonJS consumer: loads every package with `require` (their `require` builds) and runs the checks.
// `ai` is ESM-only; Node >= 22.12 loads it through require(esm), as a CommonJS host would.
'use strict';

const { runChecks } = require('./checks.cjs');

runChecks('CommonJS, require', {
  ai: require('ai'),
  aiTest: require('ai/test'),
  pglite: require('@electric-sql/pglite'),
  aiSdk: require('@guardloop/ai-sdk'),
  core: require('@guardloop/core'),
  coreInternal: require('@guardloop/core/internal'),
  deterministic: require('@guardloop/deterministic'),
  economic: require('@guardloop/economic'),
  feedback: require('@guardloop/feedback'),
  hypotheses: require('@guardloop/hypotheses'),
  hypothesesAi: require('@guardloop/hypotheses/ai'),
  hypothesesJobs: require('@guardloop/hypotheses/jobs'),
  inbox: require('@guardloop/inbox'),
  intake: require('@guardloop/intake'),
  otel: require('@guardloop/otel'),
  postgres: require('@guardloop/postgres'),
  postgresCounter: require('@guardloop/postgres/counter'),
  postgresFeedback: require('@guardloop/postgres/feedback'),
  postgresInbox: require('@guardloop/postgres/inbox'),
  postgresIntake: require('@guardloop/postgres/intake'),
  postgresLearning: require('@guardloop/postgres/learning'),
  postgresSla: require('@guardloop/postgres/sla'),
  postgresUndoLog: require('@guardloop/postgres/undo-log'),
  semantic: require('@guardloop/semantic'),
  semanticAi: require('@guardloop/semantic/ai'),
  semanticData: require('@guardloop/semantic/data'),
  undoLog: require('@guardloop/undo-log'),
  zod: require('zod'),
  // Resolved and loaded from here, so through the `require` conditions.
  resolve: require.resolve,
  load: async (specifier) => require(specifier),
}).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
