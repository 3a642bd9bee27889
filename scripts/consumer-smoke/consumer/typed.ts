// Type-checked as a consumer would compile it: copied to typed.mts (ESM, the `import` types),
// typed.cts (CommonJS, the `require` types) and kept as typed.ts (bundler resolution), under strict,
// exactOptionalPropertyTypes and noUncheckedIndexedAccess. Never run; checks.cjs is what runs.
// The entry points built on the ESM-only `ai` are in typed-ai.ts.
import { PGlite } from '@electric-sql/pglite';
import {
  allow,
  createLoop,
  createManualClock,
  evaluateRails,
  GuardloopError,
  type Rail,
  type RailContext,
} from '@guardloop/core';
import { createRuleSet, rbacRail, rulesRail, schemaRail } from '@guardloop/deterministic';
import {
  costBudgetRail,
  createCostMeter,
  createMemoryCounterStore,
  rateLimitRail,
} from '@guardloop/economic';
import { createKpis, createMemoryFeedbackStore, createOutcomeRecorder } from '@guardloop/feedback';
import {
  createPgliteClient,
  createPostgresCounterStore,
  createPostgresFeedbackStore,
  createPostgresUndoLogStore,
  migrate,
} from '@guardloop/postgres';
import { createLocalClassifier, piiRail } from '@guardloop/semantic';
import { loadHelpdeskDataset } from '@guardloop/semantic/data';
import {
  createMemoryUndoLogStore,
  createUndoLog,
  defineAction,
  type UndoLog,
} from '@guardloop/undo-log';
import { z } from 'zod';

export const actor = { id: 'assistant', type: 'ai' as const, roles: ['ai-agent'] };

export const credit = defineAction({
  name: 'credit_account',
  input: z.object({ account: z.string(), cents: z.number().int() }),
  reversible: true,
  snapshot: (input) => ({ before: input.cents }),
  do: (input) => {
    // @ts-expect-error the input is typed by the zod schema (an `any` here would be a broken typing)
    input.missing;
    return { balance: input.cents };
  },
  undo: (_input, { snapshot }) => {
    const before: number = snapshot.before;
    void before;
  },
});

export function createTypedUndoLog(): UndoLog {
  return createUndoLog({ store: createMemoryUndoLogStore(), actions: [credit] });
}

export async function typedConsumer(): Promise<string[]> {
  const clock = createManualClock(Date.UTC(2030, 0, 1));
  const rails: Rail[] = [
    { name: 'ai-keys', kind: 'deterministic', evaluate: () => allow('The AI holds this key.') },
    schemaRail(z.object({ name: z.literal('refund') })),
    rbacRail({ actions: ['refund'], roles: { 'ai-agent': { allow: [{ action: 'refund' }] } } }),
    rulesRail(
      createRuleSet([
        { id: 'r1', version: 1, description: 'Never.', verdict: 'escalate', when: { '>': [1, 2] } },
      ]),
    ),
    piiRail(),
  ];
  const context: RailContext = { traceId: 't', actor };
  const decision = await evaluateRails(rails, context, { clock });
  const verdict: 'allow' | 'escalate' | 'deny' = decision.verdict;

  const loop = createLoop({
    rails,
    clock,
    steps: {
      classifyIntent: () => ({ label: 'billing', confidence: 0.9 }),
      proposeHypotheses: () => [],
      act: () => ({ done: true }),
    },
  });
  const handled = await loop.handle({ source: 'email', kind: 'ticket', payload: {} }, { actor });

  const undoLog = createTypedUndoLog();

  const run = await undoLog.run(
    credit,
    { account: 'acme', cents: 1 },
    { idempotencyKey: 'k', traceId: 't', actor },
  );
  // @ts-expect-error `cents` must be a number
  await undoLog.run(
    credit,
    { account: 'acme', cents: '1' },
    { idempotencyKey: 'k', traceId: 't', actor },
  );
  await undoLog.undoTrace('t', { by: { id: 'lea', type: 'human' }, reason: 'typed' });

  const classifier = createLocalClassifier({
    labels: ['a', 'b'],
    examples: [{ text: 'x', label: 'a' }],
  });
  const classification = await classifier.classify('x');
  const dataset = loadHelpdeskDataset();

  const store = createMemoryCounterStore();
  const meter = createCostMeter({ store, clock, budgets: [{ name: 'daily', tokens: 10 }] });
  await evaluateRails(
    [costBudgetRail({ meter }), rateLimitRail({ store, clock, name: 'r', limit: 1, window: '1m' })],
    context,
  );

  const feedbackStore = createMemoryFeedbackStore();
  const recorder = createOutcomeRecorder({ store: feedbackStore, clock });
  await recorder.record({ traceId: 't', type: 'csat', score: 5 });
  const report = await createKpis({ store: feedbackStore, clock }).queryKpis({ from: 0, to: 1 });

  const client = createPgliteClient(new PGlite());
  await migrate(client);
  createPostgresUndoLogStore({ client });
  createPostgresCounterStore({ client });
  createPostgresFeedbackStore({ client });

  const firstTrain = dataset.train[0];
  return [
    verdict,
    handled.status,
    run.status,
    classification.label,
    String(report.metrics.csat.value),
    // noUncheckedIndexedAccess: an element of an array may be undefined
    firstTrain?.label ?? 'none',
    GuardloopError.isInstance(new Error()) ? 'guardloop' : 'other',
  ];
}
