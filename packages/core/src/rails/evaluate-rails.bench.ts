// Overhead of the rail engine (ordering, timeouts, abort wiring, verdict validation) against calling
// the same three rails directly. Run: pnpm bench evaluate-rails
import { test } from 'vitest';
import { evaluateRails } from './evaluate-rails';
import { allow, type Rail, type RailContext } from './rail';

const context: RailContext = {
  traceId: 't',
  actor: { id: 'ai', type: 'ai', roles: ['agent'] },
  action: { name: 'send_reset_link', input: {}, reversible: true, dryRun: false },
};
const rails: Rail[] = [
  { name: 'rbac', kind: 'deterministic', evaluate: ({ actor }) => allow(`role ${actor.roles[0]}`) },
  { name: 'intent', kind: 'semantic', evaluate: () => allow('in scope') },
  { name: 'budget', kind: 'economic', evaluate: async () => allow('within budget') },
];
const abortSignal = new AbortController().signal;

test('rail engine overhead, 3 rails', async ({ bench }) => {
  const results = await bench.compare(
    bench('baseline: call the rails directly', async () => {
      for (const rail of rails) await rail.evaluate(context, { abortSignal });
    }),
    bench('evaluateRails', async () => {
      await evaluateRails(rails, context);
    }),
  );
  const baseline = results.get('baseline: call the rails directly').latency.mean;
  const engine = results.get('evaluateRails').latency.mean;
  console.log(
    `evaluateRails: ${(engine * 1000).toFixed(2)} µs per decision, ${(engine / baseline).toFixed(1)}x calling the rails directly`,
  );
});
