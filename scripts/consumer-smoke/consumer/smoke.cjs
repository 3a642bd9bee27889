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
  deterministic: require('@guardloop/deterministic'),
  economic: require('@guardloop/economic'),
  feedback: require('@guardloop/feedback'),
  postgres: require('@guardloop/postgres'),
  semantic: require('@guardloop/semantic'),
  semanticAi: require('@guardloop/semantic/ai'),
  semanticData: require('@guardloop/semantic/data'),
  undoLog: require('@guardloop/undo-log'),
  zod: require('zod'),
}).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
