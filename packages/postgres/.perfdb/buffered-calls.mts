import { PGlite } from '@electric-sql/pglite';
import { createManualClock } from '@guardloop/core';
import { createBufferedRecorder, createOutcomeRecorder, type OutcomeInput } from '@guardloop/feedback';
import { createPgliteClient } from '../src/client/create-pglite-client';
import { migrate } from '../src/migrations/migrate';
import { createPostgresFeedbackStore } from '../src/feedback/postgres-feedback-store';
const at = Date.UTC(2026, 0, 5); const perBatch = 100;
function outcomes(batch: number, prefix: string): OutcomeInput[] {
  return Array.from({ length: perBatch }, (_, index): OutcomeInput => {
    const n = batch * perBatch + index; const traceId = `${prefix}t-${Math.floor(n / 4)}`;
    const common = { id: `${prefix}o-${n}`, traceId, at: at + (n % 4) };
    if (n % 4 === 0) return { ...common, type: 'decision', verdict: 'allow', category: 'billing', channel: 'email', queue: `tier-${n % 3}` };
    return { ...common, type: 'csat', score: 1 + (n % 5) };
  });
}
const db = new PGlite(); const client = createPgliteClient(db); await migrate(client, {});
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (const mode of ['many', 'buffered', 'many', 'buffered']) {
  const inner = createPostgresFeedbackStore({ client });
  const counts: Record<string, number> = {};
  const store = new Proxy(inner, { get(t: any, k: string) { const v = t[k]; return typeof v === 'function' ? (...a: any[]) => { counts[k] = (counts[k] ?? 0) + 1; return v(...a); } : v; } });
  const recorder = createOutcomeRecorder({ store, clock: createManualClock(at + 60000) });
  const buffered = createBufferedRecorder({ recorder, maxOutcomes: perBatch });
  const s = cpu();
  for (let b = 0; b < 30; b++) {
    const inputs = outcomes(b, `${mode}${Math.random()}-`);
    if (mode === 'many') await recorder.recordMany(inputs); else await Promise.all(inputs.map((i) => buffered.record(i)));
  }
  console.log(mode, (cpu() - s).toFixed(0), 'ms cpu', JSON.stringify(counts));
}
