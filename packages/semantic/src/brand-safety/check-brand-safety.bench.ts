import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import { test } from 'vitest';
import { repeatTo } from '../pii/adversarial-inputs.fixture';
import { createBrandSafetyCheck } from './check-brand-safety';
import { detectProfanity } from './detect-profanity';
import { defaultUnsafeContentPatterns } from './unsafe-content-pattern';

// Cost of the brand-safety check per KB at 1, 10 and 100 KB (the rail's default cap), against the
// default patterns run alone on the raw text (no folding, no profanity matcher) in the same run.
// Linear checking shows as a 100 KB / 10 KB per-KB ratio near 1.
// Run: pnpm vitest bench --run packages/semantic/src/brand-safety
// The first group times detectProfanity (one combined pass, obscenity's matcher only on a hit)
// against obscenity's matcher alone, which was what every call ran before, on a clean reply.

const units = {
  reply: 'Thanks for your patience, your parcel left our warehouse today. ',
  letters: 'a',
  'zero-width': 'f\u200Bu ',
  fullwidth: 'ｉｄ ',
  'send-words': 'send ',
} as const;
const plainPatterns = defaultUnsafeContentPatterns.map(
  ({ pattern }) => new RegExp(pattern.source, `${pattern.flags}g`),
);
const check = createBrandSafetyCheck();
let sink = 0;
const plain = (text: string) => () => {
  for (const pattern of plainPatterns) sink += [...text.matchAll(pattern)].length;
};
const guardloop = (text: string) => () => {
  sink += check(text).length;
};

type Results = { get(name: string): { latency: { p50: number } } };

test('detectProfanity against obscenity alone, one clean reply', async ({ bench }) => {
  const reply =
    'Thanks for reaching out, customer-8892! We have sent a password reset link to your email; ' +
    'it expires in 1 hour. Your order #2698 of 2024-06-09 is not affected.';
  const obscenity = new RegExpMatcher({
    ...englishDataset.build(),
    ...englishRecommendedTransformers,
  });
  const names = ['obscenity getAllMatches', 'detectProfanity'] as const;
  const results: Results = await bench.compare(
    bench(names[0], () => {
      sink += obscenity.getAllMatches(reply, true).length;
    }),
    bench(names[1], () => {
      sink += detectProfanity(reply).length;
    }),
    { time: 500, warmupTime: 100 },
  );
  const [base, cost] = names.map((name) => results.get(name).latency.p50 * 1000);
  console.log(
    `detectProfanity on a ${reply.length}-character clean reply (median): obscenity alone ` +
      `${base?.toFixed(1)} µs, detectProfanity ${cost?.toFixed(1)} µs = ` +
      `${((cost as number) / (base as number)).toFixed(3)}x`,
  );
});
const sizes = [1, 10, 100] as const;

for (const [name, unit] of Object.entries(units)) {
  test(`checkBrandSafety on ${name}`, async ({ bench }) => {
    const lines = [`checkBrandSafety on ${JSON.stringify(unit)} repeated (µs per KB, median)`];
    const costs: number[] = [];
    for (const kilobytes of sizes) {
      const text = repeatTo(unit, kilobytes * 1024);
      const names = [`patterns only ${kilobytes} KB`, `checkBrandSafety ${kilobytes} KB`] as const;
      const results: Results = await bench.compare(
        bench(names[0], plain(text)),
        bench(names[1], guardloop(text)),
        { time: 200, warmupTime: 20 },
      );
      const perKb = (label: string) => (results.get(label).latency.p50 * 1000) / kilobytes;
      const [base, cost] = [perKb(names[0]), perKb(names[1])];
      costs.push(cost);
      lines.push(
        `  ${String(kilobytes).padStart(3)} KB: patterns only ${base.toFixed(2)} µs/KB, ` +
          `checkBrandSafety ${cost.toFixed(2)} µs/KB = ${(cost / base).toFixed(1)}x baseline`,
      );
    }
    const growth = (costs[2] as number) / (costs[1] as number);
    lines.push(`  per-KB cost at 100 KB / at 10 KB: ${growth.toFixed(2)} (1 = linear)`);
    console.log(lines.join('\n'));
    if (sink < 0) throw new Error('unreachable');
  });
}
