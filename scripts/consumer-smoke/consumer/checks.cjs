// The consumer smoke scenario: the main path of every package, as an application installing the
// published tarballs would run it. smoke.mjs passes the modules loaded with `import`, smoke.cjs the
// same modules loaded with `require`, so both builds of every package run the same checks.
'use strict';

const assert = require('node:assert/strict');
const { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

function expectVerdict(decision, verdict) {
  assert.equal(
    decision.verdict,
    verdict,
    `expected ${verdict}, got ${decision.verdict}: ${decision.reason}`,
  );
}

/** A failed promise whose error carries `code` (and, when given, passes `isInstance`). */
function rejectsWithCode(promise, code, isInstance) {
  return assert.rejects(promise, (error) => {
    assert.equal(error?.code, code, `expected code ${code}, got ${error?.code}: ${error}`);
    if (isInstance) assert.ok(isInstance(error), `${error?.name} fails isInstance`);
    return true;
  });
}

/**
 * The inbox's main path over `inboxStore`: an irreversible action the AI may not run is
 * escalated, claimed and approved, and the approval runs it through the undo log exactly once
 * (the undo log fails closed without the inbox's approval; a second approval is refused).
 */
async function approveEscalation(m, { inboxStore, undoLogStore, traceId }) {
  const { z } = m.zod;
  const { AlreadyDecidedError, createInbox, createInboxApprovalVerifier } = m.inbox;
  const start = Date.UTC(2030, 0, 1, 9);
  const closed = [];
  const closeAccount = m.undoLog.defineAction({
    name: 'close_account',
    input: z.object({ accountId: z.string() }),
    reversible: false,
    do: (input) => {
      closed.push(input.accountId);
      return { closed: input.accountId };
    },
  });
  const undoLog = m.undoLog.createUndoLog({
    store: undoLogStore,
    actions: [closeAccount],
    verifyApproval: createInboxApprovalVerifier({ store: inboxStore }),
  });
  const inbox = createInbox({
    store: inboxStore,
    undoLog,
    actions: [closeAccount],
    clock: m.core.createManualClock(start),
    reviewers: {
      policy: {
        actions: ['close_account'],
        roles: { 'tier-2': { allow: [{ action: 'close_account' }] } },
      },
    },
    sla: { urgent: { acknowledgeWithinMs: 5 * 60_000, decideWithinMs: 30 * 60_000 } },
  });
  const input = { accountId: 'acme-7' };
  const assistant = { id: 'assistant', type: 'ai' };
  await rejectsWithCode(
    undoLog.run(closeAccount, input, {
      idempotencyKey: `${traceId}-direct`,
      traceId,
      actor: assistant,
    }),
    'approval_required',
  );
  const escalation = {
    traceId,
    action: { name: 'close_account', input },
    requestedBy: assistant,
    rail: 'irreversible-actions',
    reason: 'Closing an account cannot be undone.',
    priority: 'urgent',
  };
  const item = await inbox.escalate(escalation);
  assert.equal(item.status, 'pending');
  assert.equal(item.decideBy, start + 30 * 60_000);
  // The hash the approval is bound to, as @guardloop/core/internal computes it.
  assert.equal(item.inputHash, m.coreInternal.hashCanonicalJson(input));
  assert.equal((await inbox.escalate(escalation)).id, item.id, 'one item per trace');

  const sam = { id: 'sam', type: 'human', roles: ['tier-2'] };
  await inbox.claim(item.id, { reviewer: sam, leaseMs: 10 * 60_000 });
  const approved = await inbox.approve(item.id, { reviewer: sam, note: 'identity verified' });
  assert.equal(approved.status, 'approved');
  assert.deepEqual(approved.result, { closed: 'acme-7' });
  assert.deepEqual(
    approved.history.map((entry) => entry.type),
    ['escalated', 'claimed', 'approved', 'action_completed'],
  );
  await rejectsWithCode(
    inbox.approve(item.id, { reviewer: sam }),
    'already_decided',
    AlreadyDecidedError.isInstance,
  );
  assert.equal((await inbox.get(item.id)).status, 'approved');
  assert.deepEqual(closed, ['acme-7'], 'the approved action ran exactly once');
}

/** @param {Record<string, any>} m the loaded packages, keyed as in smoke.mjs and smoke.cjs */
function checks(m) {
  const { z } = m.zod;
  const actor = { id: 'assistant', type: 'ai', roles: ['ai-agent'], tenant: 'acme' };
  const start = Date.UTC(2030, 0, 1, 9);

  return {
    async 'core: an error thrown through ./internal is an instance of the root class'() {
      // Each entry of a build shares one copy of every module, so `instanceof` holds across them.
      assert.throws(
        () => m.coreInternal.createSeededRandom('not a seed'),
        (error) => error instanceof m.core.InvalidInputError && error.code === 'invalid_input',
      );
    },

    async 'intake: an email becomes a ticket signal, its reply threads to it'() {
      // postal-mime, html-to-text and email-reply-parser (bundled in the CommonJS build) load.
      const { createEmailIntake, createMemoryEmailThreadStore } = m.intake;
      const intake = createEmailIntake({ threads: createMemoryEmailThreadStore() });
      const first = await intake.receive(
        'From: Jane <jane@example.com>\r\nSubject: Refund\r\nMessage-ID: <m1@example.com>\r\n' +
          'Content-Type: text/html\r\n\r\n<p>Please <b>refund</b> me.</p>',
      );
      assert.equal(first.kind, 'ticket');
      assert.equal(first.signal.payload.body, 'Please refund me.');
      const reply = await intake.receive(
        'From: jane@example.com\r\nSubject: Re: Refund\r\nMessage-ID: <m2@example.com>\r\n' +
          'In-Reply-To: <m1@example.com>\r\n\r\nStill waiting.\r\n\r\n' +
          'On Tue, Dec 1, 2026 at 9:00 AM Support <support@example.com> wrote:\r\n> old\r\n',
      );
      assert.equal(reply.kind, 'reply');
      assert.equal(reply.ticketId, first.ticketId);
      assert.equal(reply.signal.payload.body, 'Still waiting.');
      assert.equal((await intake.receive('')).kind, 'rejected');
    },

    async 'otel: an instrumented loop runs on the no-op providers'() {
      const telemetry = m.otel.createGuardloopTelemetry();
      const loop = m.core.createLoop(
        telemetry.instrumentLoop({
          steps: {
            classifyIntent: () => ({ label: 'billing', confidence: 0.9 }),
            proposeHypotheses: () => [],
            act: () => undefined,
          },
        }),
      );
      const result = await loop.handle({ source: 'email', kind: 'ticket', payload: {} }, { actor });
      assert.equal(result.status, 'escalated');
      assert.throws(
        () => m.otel.createGuardloopTelemetry({ maxTraces: 0 }),
        (error) => error instanceof m.core.InvalidInputError,
      );
    },

    async 'core: evaluateRails and createLoop'() {
      const { allow, createLoop, createManualClock, deny, evaluateRails } = m.core;
      const rails = [
        {
          name: 'ai-keys',
          kind: 'deterministic',
          evaluate: ({ action }) =>
            action?.name === 'send_reset_link' ? allow('The AI holds this key.') : deny('No key.'),
        },
      ];
      const context = {
        traceId: 'trace-core',
        actor,
        action: { name: 'send_reset_link', input: {}, reversible: true, dryRun: false },
      };
      expectVerdict(await evaluateRails(rails, context), 'allow');
      const loop = createLoop({
        rails,
        clock: createManualClock(start),
        steps: {
          classifyIntent: () => ({ label: 'password_reset', confidence: 0.93 }),
          proposeHypotheses: () => [
            {
              id: 'locked-out',
              title: 'Customer is locked out',
              confidence: 0.9,
              action: {
                name: 'send_reset_link',
                reversible: true,
                input: { email: 'a@example.com' },
              },
            },
          ],
          act: () => ({ sent: true }),
        },
      });
      const result = await loop.handle(
        { source: 'zendesk', kind: 'ticket', payload: { subject: 'Reset my password' } },
        { actor },
      );
      assert.equal(result.status, 'acted');
    },

    async 'deterministic: schemaRail, rbacRail, rulesRail'() {
      const { createRuleSet, rbacRail, rulesRail, schemaRail } = m.deterministic;
      const refund = z.object({
        name: z.literal('refund'),
        input: z.object({ amount: z.number().positive() }),
      });
      const access = rbacRail({
        actions: ['refund'],
        roles: {
          'ai-agent': { actorTypes: ['ai'], allow: [{ action: 'refund', resource: 'invoice:*' }] },
        },
      });
      const rules = createRuleSet([
        {
          id: 'high-value-refund',
          version: 1,
          description: 'Refunds over 500 need a human.',
          verdict: 'escalate',
          when: { '>': [{ var: 'action.input.amount' }, 500] },
        },
      ]);
      const context = (amount) => ({
        traceId: 'trace-deterministic',
        actor,
        action: {
          name: 'refund',
          input: { amount },
          resource: 'invoice:42',
          reversible: true,
          dryRun: false,
        },
      });
      const rails = [schemaRail(refund), access, rulesRail(rules)];
      expectVerdict(await m.core.evaluateRails(rails, context(20)), 'allow');
      const escalated = await m.core.evaluateRails(rails, context(900));
      expectVerdict(escalated, 'escalate');
      assert.match(escalated.reason, /high-value-refund/);
    },

    async 'undo-log: run, replay, undoTrace'() {
      const { createMemoryUndoLogStore, createUndoLog, defineAction } = m.undoLog;
      const balances = new Map();
      const credit = defineAction({
        name: 'credit_account',
        input: z.object({ account: z.string(), cents: z.number().int().positive() }),
        reversible: true,
        snapshot: (input) => ({ before: balances.get(input.account) ?? 0 }),
        do: (input) => {
          balances.set(input.account, (balances.get(input.account) ?? 0) + input.cents);
          return { balance: balances.get(input.account) };
        },
        undo: (input, { snapshot }) => void balances.set(input.account, snapshot.before),
      });
      const log = createUndoLog({ store: createMemoryUndoLogStore(), actions: [credit] });
      const options = { idempotencyKey: 'credit-T-1', traceId: 'T-1', actor };
      const first = await log.run(credit, { account: 'acme', cents: 500 }, options);
      assert.equal(first.status, 'done');
      const again = await log.run(credit, { account: 'acme', cents: 500 }, options);
      assert.equal(again.replayed, true);
      assert.equal(balances.get('acme'), 500);
      await log.undoTrace('T-1', { by: { id: 'lea', type: 'human' }, reason: 'smoke test' });
      assert.equal(balances.get('acme'), 0);
    },

    async 'semantic: local classifier train/classify, rails, data and ai entries'() {
      const { createLocalClassifier, piiRail, redactPii } = m.semantic;
      const classifier = createLocalClassifier({
        labels: ['password_reset', 'billing_refund'],
        examples: [
          { text: 'I forgot my password', label: 'password_reset' },
          { text: 'please reset my password', label: 'password_reset' },
          { text: 'cannot log in, need a new password', label: 'password_reset' },
          { text: 'I was charged twice, refund please', label: 'billing_refund' },
          { text: 'please refund my last payment', label: 'billing_refund' },
          { text: 'I want my money back for this charge', label: 'billing_refund' },
        ],
      });
      classifier.learn({ text: 'my password link expired', label: 'password_reset' });
      assert.equal((await classifier.classify('reset my password please')).label, 'password_reset');
      assert.equal(redactPii('mail jo@example.com'), 'mail [EMAIL]');
      const context = {
        traceId: 'trace-semantic',
        actor,
        attributes: { draft: 'Hello jo@example.com' },
      };
      expectVerdict(await m.core.evaluateRails([piiRail()], context), 'escalate');
      assert.ok(m.semanticData.loadHelpdeskDataset().train.length > 0);
      assert.equal(typeof m.semanticAi.createModelClassifier, 'function');
      assert.equal(typeof m.hypothesesAi.createModelHypotheses, 'function');
      assert.equal(typeof m.hypothesesJobs.createFloorCalibrationJob, 'function');
      assert.equal(typeof m.feedback.assessMaturity, 'function');
      assert.equal(typeof m.postgresLearning.createPostgresLearningScheduleStore, 'function');
      assert.equal(typeof m.postgresSla.createPostgresTicketSlaStore, 'function');
      assert.equal(typeof m.postgresIntake.createPostgresEmailThreadStore, 'function');
    },

    async 'economic: cost budget and rate limit rails'() {
      const { costBudgetRail, createCostMeter, createMemoryCounterStore, rateLimitRail } =
        m.economic;
      const clock = m.core.createManualClock(start);
      const store = createMemoryCounterStore();
      const meter = createCostMeter({
        store,
        clock,
        budgets: [{ name: 'tenant-daily', scope: ['tenant'], period: '1d', tokens: 1_000 }],
      });
      const context = (tokens) => ({
        traceId: 'trace-economic',
        actor,
        action: {
          name: 'reply',
          input: {},
          reversible: true,
          dryRun: false,
          cost: { tokens, usd: 0 },
        },
      });
      const budget = costBudgetRail({ meter, onExceeded: 'deny' });
      expectVerdict(await m.core.evaluateRails([budget], context(600), { clock }), 'allow');
      expectVerdict(await m.core.evaluateRails([budget], context(600), { clock }), 'deny');
      const rate = rateLimitRail({ store, clock, name: 'per-actor', limit: 1, window: '1m' });
      expectVerdict(await m.core.evaluateRails([rate], context(0), { clock }), 'allow');
      expectVerdict(await m.core.evaluateRails([rate], context(0), { clock }), 'deny');
    },

    async 'feedback: record outcomes, query KPIs'() {
      const { createKpis, createMemoryFeedbackStore, createOutcomeRecorder } = m.feedback;
      const clock = m.core.createManualClock(start);
      const store = createMemoryFeedbackStore();
      const recorder = createOutcomeRecorder({ store, clock });
      await recorder.record({
        traceId: 'T-2',
        type: 'decision',
        verdict: 'allow',
        category: 'billing',
      });
      await recorder.record({ traceId: 'T-2', type: 'csat', score: 5 });
      const report = await createKpis({ store, clock }).queryKpis({
        from: start - 3_600_000,
        to: start + 86_400_000,
      });
      assert.equal(report.metrics.csat.value, 5);
    },

    async 'postgres: PGlite stores for undo-log, economic and feedback'() {
      const { createPgliteClient, migrate } = m.postgres;
      const { createPostgresCounterStore } = m.postgresCounter;
      const { createPostgresFeedbackStore } = m.postgresFeedback;
      const { createPostgresUndoLogStore } = m.postgresUndoLog;
      const database = new m.pglite.PGlite();
      try {
        const client = createPgliteClient(database);
        await migrate(client);
        const tags = new Set();
        const addTag = m.undoLog.defineAction({
          name: 'add_tag',
          input: z.object({ tag: z.string() }),
          reversible: true,
          do: (input) => void tags.add(input.tag),
          undo: (input) => void tags.delete(input.tag),
        });
        const log = m.undoLog.createUndoLog({
          store: createPostgresUndoLogStore({ client }),
          actions: [addTag],
        });
        const result = await log.run(
          addTag,
          { tag: 'vip' },
          { idempotencyKey: 'tag-T-3', traceId: 'T-3', actor },
        );
        assert.equal(result.status, 'done');
        assert.ok(tags.has('vip'));
        const counters = createPostgresCounterStore({ client });
        await counters.increment('replies:acme', start, 2);
        assert.equal(await counters.sum('replies:acme', start, start + 1), 2);
        const recorder = m.feedback.createOutcomeRecorder({
          store: createPostgresFeedbackStore({ client }),
        });
        await recorder.record({
          id: 'T-3:csat',
          traceId: 'T-3',
          type: 'csat',
          score: 4,
          at: start,
        });
        const report = await m.feedback
          .createKpis({ store: recorder.store })
          .queryKpis({ from: start - 3_600_000, to: start + 86_400_000 });
        assert.equal(report.metrics.csat.value, 4);
      } finally {
        await database.close();
      }
    },

    async 'inbox: escalate, claim, approve runs the undo-log action once (memory stores)'() {
      await approveEscalation(m, {
        inboxStore: m.inbox.createMemoryInboxStore(),
        undoLogStore: m.undoLog.createMemoryUndoLogStore(),
        traceId: 'T-inbox-memory',
      });
    },

    async 'hypotheses: a playbook step fills its template and ranks by outcomes'() {
      const { createPlaybookHypotheses, InvalidPlaybookError } = m.hypotheses;
      const propose = createPlaybookHypotheses({
        playbook: {
          entries: [
            {
              intent: 'password_reset',
              candidates: [
                {
                  id: 'link',
                  title: 'Send a reset link',
                  action: { name: 'send_reset_link', input: { user: '{{payload.user}}' } },
                },
                { id: 'macro', title: 'Reset macro', references: [{ kind: 'macro', id: 'm1' }] },
              ],
            },
          ],
        },
        outcomes: {
          candidateStats: () => ({ link: { trials: 40, successes: 39, reviews: 0, overrides: 0 } }),
        },
      });
      const signal = m.core.createSignal({
        source: 'smoke',
        kind: 'ticket',
        payload: { user: 'ada' },
      });
      const hypotheses = await propose({
        traceId: signal.traceId,
        signal,
        actor: { id: 'smoke', type: 'system', roles: [] },
        attributes: {},
        intent: { label: 'password_reset', confidence: 0.9, abstained: false },
        hypotheses: [],
      });
      const link = hypotheses.find((hypothesis) => hypothesis.id === 'password_reset/link');
      assert.deepEqual(link.action.input, { user: 'ada' });
      assert.equal(hypotheses.length, 2);
      try {
        createPlaybookHypotheses({ playbook: { entries: [] } });
        assert.fail('an empty playbook was accepted');
      } catch (error) {
        assert.ok(InvalidPlaybookError.isInstance(error), String(error));
      }
    },

    async 'postgres: PGlite inbox store (createPostgresInboxStore), the same approval'() {
      const { createPgliteClient, migrate } = m.postgres;
      const { createPostgresInboxStore } = m.postgresInbox;
      const { createPostgresUndoLogStore } = m.postgresUndoLog;
      const database = new m.pglite.PGlite();
      try {
        const client = createPgliteClient(database);
        await migrate(client);
        await approveEscalation(m, {
          inboxStore: createPostgresInboxStore({ client }),
          undoLogStore: createPostgresUndoLogStore({ client }),
          traceId: 'T-inbox-pglite',
        });
        const { rows } = await client.query(
          'SELECT status FROM guardloop_inbox_items WHERE trace_id = $1',
          ['T-inbox-pglite'],
        );
        assert.deepEqual(rows, [{ status: 'approved' }]);
      } finally {
        await database.close();
      }
    },

    async 'postgres: openPgliteDirectory, a second open fails with database_locked'() {
      const { DatabaseLockedError, migrate, openPgliteDirectory } = m.postgres;
      const directory = mkdtempSync(join(tmpdir(), 'guardloop-pglite-'));
      try {
        const first = await openPgliteDirectory(directory);
        try {
          await migrate(first.client);
          await rejectsWithCode(
            openPgliteDirectory(directory),
            'database_locked',
            DatabaseLockedError.isInstance,
          );
        } finally {
          await first.close();
        }
        // close released the lock, and the migration was persisted to the directory.
        const reopened = await openPgliteDirectory(directory);
        try {
          const { rows } = await reopened.client.query(
            'SELECT count(*)::int AS n FROM guardloop_migrations',
          );
          assert.ok(rows[0].n > 0, 'the migrations were persisted');
        } finally {
          await reopened.close();
        }
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },

    async 'exports: every subpath of every package resolves; /test entries loaded if vitest-free'() {
      const scope = join(__dirname, 'node_modules', '@guardloop');
      for (const name of readdirSync(scope)) {
        const manifest = JSON.parse(readFileSync(join(scope, name, 'package.json'), 'utf8'));
        for (const [subpath, target] of Object.entries(manifest.exports)) {
          if (subpath === './package.json') continue;
          const specifier = `@guardloop/${name}${subpath.slice(1)}`;
          const file = m.resolve(specifier);
          assert.ok(existsSync(file), `${specifier} resolves to a missing ${file}`);
          for (const condition of ['import', 'require']) {
            const types = target[condition]?.types;
            assert.ok(types, `${specifier} has no ${condition} types`);
            assert.ok(existsSync(join(scope, name, types)), `${specifier}: missing ${types}`);
          }
          if (!subpath.endsWith('/test')) continue;
          // vitest is an optional peer: a test entry that imports it at load is resolved only.
          if (/["']vitest["']/.test(readFileSync(file, 'utf8'))) {
            m.log(`        skip  loading ${specifier}: it imports vitest at load`);
            continue;
          }
          const loaded = await m.load(specifier);
          assert.ok(Object.keys(loaded).length > 0, `${specifier} exports nothing`);
        }
      }
    },

    async 'ai-sdk: guarded tool on the allowed path, then undoAll'() {
      const { createGuardedTools, guardedTool } = m.aiSdk;
      const { createMemoryUndoLogStore, createUndoLog, defineAction } = m.undoLog;
      const resets = [];
      const resetPassword = defineAction({
        name: 'reset_password',
        input: z.object({ user: z.string() }),
        reversible: true,
        do: ({ user }) => {
          resets.push(user);
          return { user, status: 'reset link sent' };
        },
        undo: ({ user }) => void resets.splice(resets.indexOf(user), 1),
      });
      const undoLog = createUndoLog({
        store: createMemoryUndoLogStore(),
        actions: [resetPassword],
      });
      const guarded = createGuardedTools({
        tools: {
          resetPassword: guardedTool({ action: resetPassword, description: 'Send a reset link' }),
        },
        undoLog,
        actor,
      });
      const usage = {
        inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
        outputTokens: { total: 1, text: 1, reasoning: 0 },
      };
      const model = new m.aiTest.MockLanguageModelV4({
        doGenerate: async ({ prompt }) =>
          prompt.some((message) => message.role === 'tool')
            ? {
                content: [{ type: 'text', text: 'Done.' }],
                finishReason: { unified: 'stop', raw: 'stop' },
                usage,
                warnings: [],
              }
            : {
                content: [
                  {
                    type: 'tool-call',
                    toolCallId: 'call-1',
                    toolName: 'resetPassword',
                    input: '{"user":"ada"}',
                  },
                ],
                finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
                usage,
                warnings: [],
              },
      });
      const result = await m.ai.generateText({
        model,
        tools: guarded.tools,
        toolApproval: guarded.toolApproval,
        prompt: 'I forgot my password, my user is ada',
        stopWhen: () => false,
      });
      assert.equal(result.text, 'Done.');
      assert.deepEqual(resets, ['ada']);
      await guarded.undoAll({ by: { id: 'lea', type: 'human' }, reason: 'smoke test' });
      assert.deepEqual(resets, []);
    },
  };
}

/** Runs every check, prints one line per check, and sets a failing exit code if any failed. */
async function runChecks(label, modules) {
  console.log(`consumer smoke (${label}), node ${process.version}`);
  let failed = 0;
  const skips = [];
  const context = { ...modules, log: (line) => skips.push(line) };
  for (const [name, check] of Object.entries(checks(context))) {
    skips.length = 0;
    try {
      await check();
      console.log(`  ok    ${name}`);
      for (const line of skips) console.log(line);
    } catch (error) {
      failed++;
      console.log(`  FAIL  ${name}`);
      console.log(
        `        ${String(error?.stack ?? error)
          .split('\n')
          .join('\n        ')}`,
      );
      if (error?.cause) console.log(`        cause: ${error.cause?.stack ?? error.cause}`);
    }
  }
  console.log(
    failed === 0
      ? `consumer smoke (${label}): all passed`
      : `consumer smoke (${label}): ${failed} failed`,
  );
  if (failed > 0) process.exitCode = 1;
}

module.exports = { runChecks };
