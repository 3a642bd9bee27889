import { createSeededRandom } from '@guardloop/core/internal';
import { test } from 'vitest';
import { correlate } from './correlate/correlate';
import { correlateInputSchema } from './correlate/correlate-schema';
import { createPlaybookHypotheses } from './create-playbook-hypotheses';
import { at, loopInput, playbook, ticket } from './test-support/fixtures';

// Playbook hypotheses per signal against a hand-written lookup of the same candidates, and
// correlate over 1,000 changes and 10 series of 10,000 points, measured in one run and printed
// as ratios. Short on purpose (shared machine). Run: pnpm vitest bench --run packages/hypotheses

const signal = ticket();
const input = loopInput(signal);
const options = { abortSignal: new AbortController().signal };
const propose = createPlaybookHypotheses({
  playbook,
  random: createSeededRandom(1),
  outcomes: {
    candidateStats: () => ({
      'reset-link': { trials: 47, successes: 41, reviews: 10, overrides: 1 },
      'reset-macro': { trials: 50, successes: 12, reviews: 0, overrides: 0 },
    }),
  },
});

/** What a host writes by hand today: the same three candidates, no ranking, no validation. */
function handWritten(current: typeof input) {
  if (current.intent?.label !== 'password_reset') return [];
  const accountId = current.signal.payload.accountId as string;
  return [
    {
      id: 'reset-link',
      title: 'Send a password reset link',
      confidence: 0.8,
      evidence: [],
      rationale: '',
      action: {
        name: 'send_reset_link',
        input: { accountId, note: `for ${String(current.signal.payload.email)}` },
        resource: `account:${accountId}`,
        dryRun: false,
      },
    },
    {
      id: 'reset-macro',
      title: 'Reply with the reset macro',
      confidence: 0.5,
      evidence: [],
      rationale: '',
    },
    { id: 'to-identity', title: 'Route to identity', confidence: 0.4, evidence: [], rationale: '' },
  ];
}

const minute = 60_000;
const random = createSeededRandom(5);
const changes = Array.from({ length: 1000 }, (_, index) => ({
  id: `c${index}`,
  kind: 'deploy' as const,
  at: at - Math.floor(random() * 6 * 60) * minute,
  service: `svc-${index % 20}`,
}));
const metrics = Array.from({ length: 10 }, (_, series) => ({
  name: `m${series}`,
  service: `svc-${series}`,
  points: Array.from({ length: 10_000 }, (_, index) => ({
    at: at - (10_000 - index) * minute,
    value: 100 + random() * 5 + (index > 9_800 ? 50 : 0),
  })),
}));
const correlateInput = { signal, changes, metrics, windowMs: 6 * 60 * minute };

const runOptions = { time: 400, warmupTime: 100 };
type Results = { get(name: string): { latency: { p50: number } } };
function report(title: string, results: Results, [baseline, ...others]: readonly string[]) {
  const base = results.get(baseline as string).latency.p50;
  const lines = [baseline as string, ...others].map((name) => {
    const { p50 } = results.get(name).latency;
    return `  ${name}: ${(p50 * 1000).toFixed(1)} µs median (${(p50 / base).toFixed(2)}x)`;
  });
  console.log(`${title} (ratios against the first line)\n${lines.join('\n')}`);
}

test('playbook hypotheses per signal', async ({ bench }) => {
  const names = ['hand-written lookup', 'createPlaybookHypotheses'] as const;
  const results = await bench.compare(
    bench(names[0], () => handWritten(input)),
    bench(names[1], () => propose(input, options)),
    runOptions,
  );
  report('Hypotheses for one signal', results, names);
});

test('correlate: 1,000 changes, 10 series of 10,000 points', async ({ bench }) => {
  const names = ['input validation only', 'correlate'] as const;
  const results = await bench.compare(
    bench(names[0], () => correlateInputSchema.parse(correlateInput)),
    bench(names[1], () => correlate(correlateInput)),
    { time: 1000, warmupTime: 200, iterations: 3 },
  );
  report('correlate', results, names);
});
