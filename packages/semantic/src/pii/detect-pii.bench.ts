import { test } from 'vitest';
import { adversarialUnits, repeatTo } from './adversarial-inputs.fixture';
import { detectPii } from './detect-pii';

// Cost of detectPii per KB on the inputs that used to be quadratic, at 1, 10 and 100 KB, against
// a plain (non-validating, ASCII-only) regular-expression set measured in the same run.
// Linear scanning shows as a flat µs/KB column, and as a 100 KB / 10 KB ratio near 1 (it was 2-3x
// for fullwidth digits and long digit chains while the fold and the card scanner grew JS arrays).
// Run: pnpm vitest bench --run packages/semantic

const plainPatterns = [
  /@[\w-]+\.[a-z]{2,}/gi,
  /\b[a-z]{2}\d{2}[a-z0-9]{11,30}\b/gi,
  /\b\d{13,19}\b/g,
  /\+\d{7,15}\b/g,
];
let sink = 0;
const plainRegexSet = (text: string) => () => {
  for (const pattern of plainPatterns) sink += [...text.matchAll(pattern)].length;
};
const guardloop = (text: string) => () => {
  sink += detectPii(text, { maxLength: text.length }).length;
};

type Results = { get(name: string): { latency: { p50: number } } };
const sizes = [1, 10, 100] as const;

for (const [name, unit] of Object.entries(adversarialUnits)) {
  test(`detectPii on adversarial input: ${name}`, async ({ bench }) => {
    const lines = [`detectPii on '${unit}' repeated (µs per KB, median sample)`];
    const perKbCost: number[] = [];
    for (const kilobytes of sizes) {
      const text = repeatTo(unit, kilobytes * 1024);
      const names = [`plain regex set ${kilobytes} KB`, `detectPii ${kilobytes} KB`] as const;
      const results: Results = await bench.compare(
        bench(names[0], plainRegexSet(text)),
        bench(names[1], guardloop(text)),
        { time: 200, warmupTime: 20 },
      );
      const perKb = (label: string) => (results.get(label).latency.p50 * 1000) / kilobytes;
      const [base, cost] = [perKb(names[0]), perKb(names[1])];
      perKbCost.push(cost);
      lines.push(
        `  ${String(kilobytes).padStart(3)} KB: plain regex set ${base.toFixed(2)} µs/KB, ` +
          `detectPii ${cost.toFixed(2)} µs/KB = ${(cost / base).toFixed(1)}x baseline`,
      );
    }
    const growth = (perKbCost[2] as number) / (perKbCost[1] as number);
    lines.push(`  per-KB cost at 100 KB / at 10 KB: ${growth.toFixed(2)} (1 = linear)`);
    console.log(lines.join('\n'));
    if (sink < 0) throw new Error('unreachable');
  });
}
