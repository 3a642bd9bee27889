// Each candidate of a benchmark in its own Node process: a host runs ONE loop configuration per
// process, while candidates interleaved in one process share the same functions, whose inline
// caches turn polymorphic, and mix their garbage (a lone SLO rail cost 105 to 117 µs in a loop
// interleaved with two others, 33 µs in a loop alone in its process). For each round, every
// candidate runs in a fresh `node` (every other round in reverse order); ratios are paired within
// a round, as in one-process benches. The child protocol is in isolated-child.ts. Node builtins
// only, so the otel bench imports it too.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { combineRounds, type Measurement, pairedRatio, type RoundRatio } from './combine-rounds';
import type { ChildReading } from './isolated-child';

const run = promisify(execFile);
/** The repository root: `--import tsx` resolves from the working directory. */
const root = resolve(import.meta.dirname, '../..');

/** One round: each candidate's reading, by name. */
export type IsolatedRound = Record<string, ChildReading>;

export interface IsolatedRoundsOptions {
  /** The child script, run as `node --import tsx <script> <candidate> <signals> <warmup>`. */
  script: string;
  candidates: readonly string[];
  rounds: number;
  /** Signals each child times after its warm-up. */
  signals: number;
  /** Signals each child runs untimed first. */
  warmup: number;
  /**
   * What `@guardloop/*` resolves to in the child: the TypeScript source (default, as under
   * vitest) or each package's build (`pnpm build`), as a host loads it.
   */
  packages?: 'source' | 'built';
}

/** Runs one child and reads the JSON line it prints last. */
async function runChild(
  script: string,
  candidate: string,
  signals: number,
  warmup: number,
  packages: 'source' | 'built',
) {
  const { stdout } = await run(
    process.execPath,
    [
      ...(packages === 'source' ? ['--conditions=@guardloop/source'] : []),
      '--import',
      'tsx',
      script,
      candidate,
      String(signals),
      String(warmup),
    ],
    { cwd: root, maxBuffer: 16 * 2 ** 20 },
  );
  const last = stdout.trim().split('\n').at(-1) ?? '';
  const reading = JSON.parse(last) as ChildReading;
  if (reading.candidate !== candidate) throw new Error(`The child for ${candidate} read ${last}.`);
  return reading;
}

/** `rounds` rounds of every candidate, each in its own process, one after the other. */
export async function runIsolatedRounds({
  script,
  candidates,
  rounds,
  signals,
  warmup,
  packages = 'source',
}: IsolatedRoundsOptions): Promise<IsolatedRound[]> {
  const measured: IsolatedRound[] = [];
  for (let round = 0; round < rounds; round++) {
    // Every other round in reverse, so that a drift in the load does not favour one candidate.
    const order = round % 2 === 0 ? candidates : [...candidates].reverse();
    const readings: IsolatedRound = {};
    for (const candidate of order)
      readings[candidate] = await runChild(script, candidate, signals, warmup, packages);
    measured.push(readings);
  }
  return measured;
}

// A reading as the one-process benches' measurement, so their median and pairing apply as they are.
const measurements = (rounds: readonly IsolatedRound[], name: string, time: 'wallUs' | 'cpuUs') =>
  rounds.map((round): Measurement => {
    const reading = round[name];
    if (!reading) throw new Error(`A round has no reading for ${name}.`);
    return { meanMs: reading[time] / 1000, p50Ms: reading[time] / 1000, p99Ms: 0, samples: 1 };
  });

/** `numerator / denominator` paired within each round, in wall and in CPU time. */
export function pairIsolatedRounds(
  rounds: readonly IsolatedRound[],
  numerator: string,
  denominator: string,
): { wall: RoundRatio; cpu: RoundRatio } {
  return {
    wall: pairedRatio(
      measurements(rounds, numerator, 'wallUs'),
      measurements(rounds, denominator, 'wallUs'),
    ),
    cpu: pairedRatio(
      measurements(rounds, numerator, 'cpuUs'),
      measurements(rounds, denominator, 'cpuUs'),
    ),
  };
}

/** The median over the rounds of one candidate's per-signal times, in µs. */
export const medianReading = (rounds: readonly IsolatedRound[], name: string) => ({
  wallUs: combineRounds(measurements(rounds, name, 'wallUs')).p50Ms * 1000,
  cpuUs: combineRounds(measurements(rounds, name, 'cpuUs')).p50Ms * 1000,
});

/** `1.23x [1.10x–1.40x]`: a paired ratio as the benches print it. */
export const formatRatio = ({ median, low, high }: RoundRatio) =>
  `${median.toFixed(2)}x [${low.toFixed(2)}x–${high.toFixed(2)}x]`;
