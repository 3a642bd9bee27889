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
import { hashCanonicalJson } from '@guardloop/core/internal';
import { createRuleSet, rbacRail, rulesRail, schemaRail } from '@guardloop/deterministic';
import {
  costBudgetRail,
  createCostMeter,
  createMemoryCounterStore,
  rateLimitRail,
} from '@guardloop/economic';
import { createKpis, createMemoryFeedbackStore, createOutcomeRecorder } from '@guardloop/feedback';
import {
  AlreadyDecidedError,
  createInbox,
  createInboxApprovalVerifier,
  createMemoryInboxStore,
  type InboxItem,
  type InboxStatus,
  type InboxStore,
} from '@guardloop/inbox';
import { createGuardloopTelemetry, type GuardloopTelemetry } from '@guardloop/otel';
import {
  createPgliteClient,
  DatabaseLockedError,
  migrate,
  openPgliteDirectory,
} from '@guardloop/postgres';
import { createPostgresCounterStore } from '@guardloop/postgres/counter';
import { createPostgresFeedbackStore } from '@guardloop/postgres/feedback';
import { createPostgresInboxStore } from '@guardloop/postgres/inbox';
import { createPostgresUndoLogStore } from '@guardloop/postgres/undo-log';
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

/** The telemetry keeps the types of what it instruments: an UndoLog stays an UndoLog. */
export function instrumentTyped(): { telemetry: GuardloopTelemetry; undoLog: UndoLog } {
  const telemetry = createGuardloopTelemetry({ maxTraces: 100 });
  return { telemetry, undoLog: telemetry.instrumentUndoLog(createTypedUndoLog()) };
}

export function createTypedUndoLog(): UndoLog {
  return createUndoLog({ store: createMemoryUndoLogStore(), actions: [credit] });
}

export const closeAccount = defineAction({
  name: 'close_account',
  input: z.object({ accountId: z.string() }),
  reversible: false,
  do: (input) => ({ closed: input.accountId }),
});

/** The inbox over any store: escalate, claim, approve; the approval runs `closeAccount`. */
export async function typedInbox(store: InboxStore): Promise<InboxStatus> {
  const undoLog = createUndoLog({
    store: createMemoryUndoLogStore(),
    actions: [closeAccount],
    verifyApproval: createInboxApprovalVerifier({ store }),
  });
  const inbox = createInbox({
    store,
    undoLog,
    actions: [closeAccount],
    reviewers: {
      policy: {
        actions: ['close_account'],
        roles: { admin: { allow: [{ action: 'close_account' }] } },
      },
    },
    sla: { urgent: { acknowledgeWithinMs: 60_000, decideWithinMs: 600_000 } },
  });
  const input = { accountId: 'acme-7' };
  const item: InboxItem = await inbox.escalate({
    traceId: 't',
    action: { name: closeAccount.name, input },
    reason: 'Irreversible.',
    priority: 'urgent',
  });
  // @ts-expect-error priorities are a closed set
  await inbox.escalate({ traceId: 't', action: { name: 'x' }, reason: 'r', priority: 'asap' });
  const sameInput: boolean = item.inputHash === hashCanonicalJson(input);
  const reviewer = { id: 'sam', type: 'human' as const, roles: ['admin'] };
  await inbox.claim(item.id, { reviewer, leaseMs: 60_000 });
  // @ts-expect-error a decision names its reviewer
  await inbox.approve(item.id, { note: 'anonymous' });
  try {
    // An escalation without an action has no input hash (`null`): nothing to bind the approval to.
    const bound = item.inputHash === null ? {} : { inputHash: item.inputHash };
    const approved = await inbox.approve(item.id, { reviewer, ...bound });
    return sameInput ? approved.status : 'failed';
  } catch (error) {
    if (AlreadyDecidedError.isInstance(error))
      return error.code === 'already_decided' ? 'approved' : 'failed';
    throw error;
  }
}

/** A PGlite directory typed as the real PGlite class; a second open is a DatabaseLockedError. */
export async function typedPgliteDirectory(directory: string): Promise<number | undefined> {
  const opened = await openPgliteDirectory<PGlite>(directory);
  const database: PGlite = opened.database;
  try {
    await migrate(opened.client);
    await typedInbox(createPostgresInboxStore({ client: opened.client }));
    await typedInbox(createMemoryInboxStore());
    await openPgliteDirectory(directory);
    return undefined;
  } catch (error) {
    if (!DatabaseLockedError.isInstance(error)) throw error;
    const lockFile: string = error.lockFile;
    void lockFile;
    // The holder is unknown when the lock file could not be read.
    return error.holder?.pid;
  } finally {
    void database.closed;
    await opened.close();
  }
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
