import { expect, test } from 'vitest';
import { handWrittenPart, mergeBenchmarksDoc, renderBenchmarksDoc } from './benchmarks-doc';
import { describeMachine } from './describe-machine';

test('the page shows every store, the machine and the paired ratios', () => {
  const measured = { meanMs: 0.6, p50Ms: 0.5, p99Ms: 2, samples: 100 };
  const page = renderBenchmarksDoc({
    machine: describeMachine(new Date(Date.UTC(2030, 0, 1))),
    railCount: 9,
    rounds: 8,
    classify: { ...measured, p50Ms: 0.05 },
    stores: [
      {
        store: 'memory',
        withoutRails: measured,
        withRails: { ...measured, p50Ms: 1 },
        evaluateRails: { ...measured, p50Ms: 0.25 },
        ratios: {
          withRails: { median: 2, low: 1.25, high: 4 },
          evaluateRails: { median: 0.5, low: 0.5, high: 0.5 },
          evaluateRailsOfLoop: { median: 0.25, low: 0.2, high: 0.3 },
        },
      },
    ],
  });
  expect(page).toContain('| memory: loop, 9 rails | 1.00 ms | 600 µs | 2.00 ms | 1,000 | 2.00x |');
  expect(page).toContain(
    '| memory | 50% (20% to 75%) | 25% (20% to 30%) | 2.00x (1.25x to 4.00x) |',
  );
  expect(page).toContain('8 rounds');
  expect(page).toContain(`| 2030-01-01 |`);
  expect(page).toContain(process.version);
});

test('regenerating keeps every hand-written section after the generated ones', () => {
  const generated =
    '# Benchmarks\n\nintro\n\n## Machine\n\nnew machine\n\n## Rail overhead\n\nnew\n';
  const current = [
    '# Benchmarks',
    '',
    '## Machine',
    '',
    'old machine',
    '',
    '## Rail overhead',
    '',
    'old',
    '',
    '## Inbox',
    '',
    '```md',
    '## Machine',
    '```',
    '',
    '## Counters',
    '',
    'kept too',
    '',
  ].join('\n');
  const page = mergeBenchmarksDoc(generated, current);
  expect(page).toContain('new machine');
  expect(page).not.toContain('old machine');
  expect(page.indexOf('## Inbox')).toBeGreaterThan(page.indexOf('## Rail overhead'));
  expect(page).toContain('```md\n## Machine\n```');
  expect(page.trimEnd().endsWith('kept too')).toBe(true);
  expect(handWrittenPart(generated)).toBe('');
  expect(mergeBenchmarksDoc(generated, undefined)).toBe(generated);
  // Regenerating twice changes nothing.
  expect(mergeBenchmarksDoc(generated, page)).toBe(page);
});
