// The rails' share of the loop-throughput bench (memory undo-log store) with each loop in its own
// process, as a host runs one loop configuration per process: "memory: loop, 9 rails" and
// "memory: loop, no rails" alternate over 8 rounds, each a fresh `node` that builds only its
// loop, warms it up (1 500 signals) and times 1 000 (loop-isolated-child.ts). The share is
// (with - without) / with, paired within a round. loop-throughput.bench.ts keeps the
// one-process figures and the generated page.
// Run: pnpm bench loop-isolated   (about a minute; times the built packages)
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { test } from 'vitest';
import {
  formatRatio,
  medianReading,
  pairIsolatedRounds,
  runIsolatedRounds,
} from '../../../scripts/test-support/isolated-rounds';

const names = { with: 'memory: loop, 9 rails', without: 'memory: loop, no rails' } as const;
const share = (ratio: number) => `${(100 * (1 - 1 / ratio)).toFixed(0)}%`;

test('rails share of the loop, each loop in its own process, memory undo-log store', async () => {
  const load = loadavg()[0]?.toFixed(1);
  const rounds = await runIsolatedRounds({
    script: resolve(import.meta.dirname, 'loop-isolated-child.ts'),
    candidates: ['with', 'without'],
    rounds: 8,
    signals: 1000,
    // The loop settles only after 1 000 to 1 400 signals (medians of blocks of 200): 300 is too few.
    warmup: 1500,
    packages: 'built',
  });
  const { wall, cpu } = pairIsolatedRounds(rounds, 'with', 'without');
  // Each round too: processes of the same candidate differ more than rounds of one process do.
  const perRound = rounds.map(
    (round) => `${round.with?.wallUs.toFixed(0)}/${round.without?.wallUs.toFixed(0)}`,
  );
  console.log(`per round, µs with/without rails (wall): ${perRound.join(', ')}`);
  for (const candidate of ['with', 'without'] as const) {
    const { wallUs, cpuUs } = medianReading(rounds, candidate);
    console.log(
      `${names[candidate]}: ${wallUs.toFixed(0)} µs wall, ${cpuUs.toFixed(0)} µs CPU per signal`,
    );
  }
  console.log(
    `rails share, one loop per process (load ${load} to ${loadavg()[0]?.toFixed(1)}): wall ${share(wall.median)} [${share(wall.low)}–${share(wall.high)}], CPU ${share(cpu.median)} [${share(cpu.low)}–${share(cpu.high)}]; with/without wall ${formatRatio(wall)}, CPU ${formatRatio(cpu)}`,
  );
}, 240_000);
