// A profiling driver, not a test: where the rails' share of the loop comes from. Interleaves, call
// by call and in rounds (every other one reversed), the loop without rails, the loop with the 9
// rails, the loop without rails followed by `evaluateRails` on one of 48 contexts of that loop
// ("split"), the rails alone, and the rails after a classification or after 60 KB of garbage.
// Prints the median CPU time per call of each.
//   esbuild examples/bench/src/profile-rails-split.ts --bundle --platform=node --format=esm \
//     --conditions=@guardloop/source --outfile=/tmp/rails-split.mjs
//   ROUNDS=101 N=100 node /tmp/rails-split.mjs
import { evaluateRails, type RailContext } from '@guardloop/core';
import { createMemoryUndoLogStore } from '@guardloop/undo-log';
import { trainBenchClassifier } from './bench-classifier';
import { railContextOf } from './bench-host-data';
import { createBenchLoop } from './bench-loop';
import { createBenchRails } from './bench-rails';

const { classifier, tickets } = trainBenchClassifier();
const rails = await createBenchRails({ classifier });
const store = createMemoryUndoLogStore();
const without = createBenchLoop({ store, rails: [], classifier, tickets });
const withRails = createBenchLoop({ store, rails, classifier, tickets });
const contexts: RailContext[] = [];
for (let index = 0; index < 48; index++) contexts.push(railContextOf(await without.handleNext()));

let turn = 0;
const nextContext = () => contexts[turn++ % contexts.length] as RailContext;
const garbage = () => {
  const items: Array<{ index: number; text: string }> = [];
  for (let index = 0; index < 1_400; index++) items.push({ index, text: `x${index}` });
  return items.length;
};
const candidates: Record<string, () => Promise<unknown> | unknown> = {
  without: () => without.handleNext(),
  with: () => withRails.handleNext(),
  split: async () => {
    await without.handleNext();
    await evaluateRails(rails, nextContext());
  },
  alone: () => evaluateRails(rails, nextContext()),
  classify: () => classifier.classify(tickets[turn++ % tickets.length] as string),
  'classify, then rails': async () => {
    await classifier.classify(tickets[turn % tickets.length] as string);
    await evaluateRails(rails, nextContext());
  },
  'garbage, then rails': async () => {
    garbage();
    await evaluateRails(rails, nextContext());
  },
  garbage,
};

const cpuMicroseconds = () => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};
const names = Object.keys(candidates);
for (let index = 0; index < 1_000; index++) for (const name of names) await candidates[name]?.();
const rounds = Number(process.env.ROUNDS ?? 101);
const perRound = Number(process.env.N ?? 100);
const spent: Record<string, number[]> = {};
for (let round = 0; round < rounds; round++) {
  for (const name of round % 2 ? [...names].reverse() : names) {
    const candidate = candidates[name] as () => unknown;
    const started = cpuMicroseconds();
    for (let index = 0; index < perRound; index++) await candidate();
    spent[name] ??= [];
    spent[name].push((cpuMicroseconds() - started) / perRound);
  }
}
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[values.length >> 1] ?? Number.NaN;
console.log(names.map((name) => `${name} ${median(spent[name] ?? []).toFixed(0)} µs`).join(' | '));
