import PostalMime from 'postal-mime';
import { test } from 'vitest';
import { createEmailIntake } from './create-email-intake';
import { createMemoryEmailThreadStore } from './memory-email-thread-store';
import { parseEmail } from './parse-email';
import { type FixtureName, readFixture } from './test-support/read-fixture';

// Emails to signals per second against the bare postal-mime call on the same messages: one
// iteration is a batch of 9 real-looking fixtures (plain, reply with quote, HTML-only,
// attachments, three legacy charsets, header injection, no Message-ID), medians of interleaved
// rounds in one run. Short on purpose (shared machine).
// Run: pnpm vitest bench --run packages/intake/src/email/email-intake.bench.ts

const names: FixtureName[] = [
  'new-ticket',
  'reply-to-ticket',
  'html-only',
  'attachments',
  'iso-8859-1',
  'windows-1252',
  'shift-jis',
  'header-injection',
  'no-message-id',
];
const messages = names.map((name) => readFixture(name));
const rounds = 5;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

test('email intake against the bare parser', async ({ bench }) => {
  const labels = [
    'baseline: PostalMime.parse',
    'parseEmail',
    'createEmailIntake().receive',
  ] as const;
  const candidates = [
    () =>
      bench(labels[0], async () => {
        for (const raw of messages) await PostalMime.parse(raw);
      }),
    () =>
      bench(labels[1], async () => {
        for (const raw of messages) await parseEmail(raw);
      }),
    () =>
      bench(labels[2], async () => {
        // A fresh intake per batch: every message is new, so each one becomes a signal.
        const intake = createEmailIntake({ threads: createMemoryEmailThreadStore() });
        for (const raw of messages) {
          const result = await intake.receive(raw);
          if (result.kind !== 'ticket' && result.kind !== 'reply') throw new Error(result.kind);
        }
      }),
  ];
  const perRound = labels.map(() => [] as number[]);
  const parseRatios: number[] = [];
  const intakeRatios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // Every other round runs in reverse, so a drift in load favours no candidate.
    const order = round % 2 === 0 ? candidates : [...candidates].reverse();
    const results = await bench.compare(...order.map((create) => create()), {
      time: 300,
      warmupTime: 100,
    });
    const p50 = labels.map((label) => results.get(label).latency.p50);
    for (const [index, value] of p50.entries()) perRound[index]?.push(value);
    parseRatios.push((p50[1] ?? 0) / (p50[0] ?? 1));
    intakeRatios.push((p50[2] ?? 0) / (p50[0] ?? 1));
  }
  const perSecond = (index: number) =>
    Math.round((messages.length * 1000) / median(perRound[index] ?? []));
  console.log(
    [
      `emails per second (median of ${rounds} rounds, batch of ${messages.length}):`,
      `  ${labels[0]}: ${perSecond(0)}`,
      `  ${labels[1]}: ${perSecond(1)} (${median(parseRatios).toFixed(2)}x the bare parser's time)`,
      `  ${labels[2]}: ${perSecond(2)} signals (${median(intakeRatios).toFixed(2)}x the bare parser's time)`,
    ].join('\n'),
  );
});
