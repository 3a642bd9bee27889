// Overhead of the rail engine (ordering, timeouts, abort wiring, verdict validation) against calling
// the same three rails directly, as the median of interleaved rounds in one run.
// Run: pnpm bench rail-engine   (times the built @guardloop/core)

import { allow, evaluateRails, type Rail, type RailContext } from '@guardloop/core';
import { test } from 'vitest';

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
const rounds = 5;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

test('rail engine overhead, 3 rails', async ({ bench }) => {
  const names = ['baseline: call the rails directly', 'evaluateRails'] as const;
  const candidates = [
    () =>
      bench(names[0], async () => {
        for (const rail of rails) await rail.evaluate(context, { abortSignal });
      }),
    () =>
      bench(names[1], async () => {
        await evaluateRails(rails, context);
      }),
  ];
  const ratios: number[] = [];
  const engine: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // Every other round runs the engine first, so a drift in load favours neither side.
    const order = round % 2 === 0 ? candidates : [...candidates].reverse();
    const results = await bench.compare(...order.map((create) => create()), {
      time: 300,
      warmupTime: 100,
    });
    const baseline = results.get(names[0]).latency.p50;
    const measured = results.get(names[1]).latency.p50;
    ratios.push(measured / baseline);
    engine.push(measured);
  }
  console.log(
    `evaluateRails: ${(median(engine) * 1000).toFixed(2)} µs per decision, ${median(ratios).toFixed(2)}x calling the rails directly (median of ${rounds} rounds)`,
  );
});
