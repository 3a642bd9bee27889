// `pnpm start`: one ticket through guardloop, walked through in docs/getting-started.md.
import { PGlite } from '@electric-sql/pglite';
import { createLoop, createManualClock, type Rail } from '@guardloop/core';
import { rulesRail } from '@guardloop/deterministic';
import { createMemoryCounterStore, rateLimitRail } from '@guardloop/economic';
import * as feedback from '@guardloop/feedback';
import { createPgliteClient, migrate } from '@guardloop/postgres';
import { createPostgresUndoLogStore } from '@guardloop/postgres/undo-log';
import { createIntentStep, intentRail, redactPii } from '@guardloop/semantic';
import { createHelpdeskClassifier } from '@guardloop/semantic/data';
import { createActStep, createUndoLog, defineAction } from '@guardloop/undo-log';
import { z } from 'zod';

const ada = { subject: 'Locked out', body: 'I forgot my password', email: 'ada@example.com' };

export async function runQuickstart(payload: Record<string, string> = ada) {
  const clock = createManualClock(Date.UTC(2026, 0, 5, 9)); // leave out for the system clock

  // 1. An action and its undo, run through the undo log in PostgreSQL (PGlite, in memory).
  const resetLinks = new Set<string>();
  const sendResetLink = defineAction({
    name: 'send_reset_link',
    input: z.object({ email: z.email() }),
    reversible: true,
    do: ({ email }) => {
      resetLinks.add(email);
      return { sent: email };
    },
    undo: ({ email }) => void resetLinks.delete(email), // invalidate the link
  });
  const database = new PGlite(); // a file: openPgliteDirectory; a server: createPgClient
  const client = createPgliteClient(database);
  await migrate(client);
  const store = createPostgresUndoLogStore({ client });
  const undoLog = createUndoLog({ store, actions: [sendResetLink], clock });

  // 2. The local classifier, trained on the bundled help-desk data set: no model, no network.
  const classifier = createHelpdeskClassifier();

  // 3. Three rails: a business rule (deterministic), the intent (semantic), a rate (economic).
  const when = { in: ['@guardloop.example', { var: 'action.input.email' }] };
  const description = 'Staff reset their password with IT.';
  const counters = createMemoryCounterStore();
  const rails: Rail[] = [
    rulesRail([{ id: 'staff', version: 1, verdict: 'deny', description, when }]),
    intentRail({ classifier, allowed: ['password_reset'] }),
    rateLimitRail({ store: counters, clock, name: 'resets', limit: 30, window: '1h' }),
  ];

  // 4. The loop. Its events record every decision in @guardloop/feedback.
  const feedbackStore = feedback.createMemoryFeedbackStore();
  const recorder = feedback.createOutcomeRecorder({ store: feedbackStore, clock });
  const loopRecorder = feedback.createLoopEventRecorder({ recorder });
  const loop = createLoop({
    rails,
    clock,
    onEvent: loopRecorder.onEvent,
    actions: undoLog, // the action definitions decide what is reversible
    steps: {
      // Personal data is redacted before the classifier sees the text.
      classifyIntent: createIntentStep(classifier, {
        text: ({ payload: p }) => redactPii(`${p.subject}\n${p.body}`),
      }),
      proposeHypotheses: ({ signal: { payload: p }, intent }) => {
        if (intent?.label !== 'password_reset') return [];
        const action = { name: 'send_reset_link', input: { email: p.email } };
        const evidence = [{ source: 'signal.payload', path: 'body', value: p.body }];
        return [{ id: 'locked-out', title: 'Locked out', confidence: 0.9, evidence, action }];
      },
      act: createActStep(undoLog), // a retried ticket replays the stored result
    },
  });

  // 5. A ticket in.
  const actor = { id: 'helpdesk-ai', type: 'ai' as const, roles: ['agent'] };
  const result = await loop.handle({ source: 'email', kind: 'ticket', payload }, { actor });
  await loopRecorder.flush();

  // 6. What happened next, recorded against the trace, and the KPIs of the day.
  clock.advance(2 * 3_600_000);
  if (result.status === 'acted') {
    await recorder.record({ type: 'resolved', traceId: result.traceId, firstContact: true });
    await recorder.record({ type: 'csat', traceId: result.traceId, score: 5 });
  }
  const day = { from: Date.UTC(2026, 0, 5), to: Date.UTC(2026, 0, 6) };
  const { metrics } = await feedback.createKpis({ store: feedbackStore, clock }).queryKpis(day);
  const actions = await undoLog.listTrace(result.traceId);
  await database.close();
  return { result, metrics, actions, resetLinks: [...resetLinks] };
}

if (import.meta.filename === process.argv[1]) {
  const { result, metrics } = await runQuickstart();
  const { firstContactResolution, csat } = metrics;
  console.log(`${result.status}: ${result.decision?.reason ?? result.escalation?.reason}`);
  console.log(`first-contact resolution ${firstContactResolution.value}, CSAT ${csat.value}`);
}
