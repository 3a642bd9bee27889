// The consumer smoke scenario: the main path of every package, as an application installing the
// published tarballs would run it. smoke.mjs passes the modules loaded with `import`, smoke.cjs the
// same modules loaded with `require`, so both builds of every package run the same checks.
'use strict';

const assert = require('node:assert/strict');

function expectVerdict(decision, verdict) {
  assert.equal(
    decision.verdict,
    verdict,
    `expected ${verdict}, got ${decision.verdict}: ${decision.reason}`,
  );
}

/** @param {Record<string, any>} m the loaded packages, keyed as in smoke.mjs and smoke.cjs */
function checks(m) {
  const { z } = m.zod;
  const actor = { id: 'assistant', type: 'ai', roles: ['ai-agent'], tenant: 'acme' };
  const start = Date.UTC(2030, 0, 1, 9);

  return {
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
      const {
        createPgliteClient,
        createPostgresCounterStore,
        createPostgresFeedbackStore,
        createPostgresUndoLogStore,
        migrate,
      } = m.postgres;
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
  for (const [name, check] of Object.entries(checks(modules))) {
    try {
      await check();
      console.log(`  ok    ${name}`);
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
