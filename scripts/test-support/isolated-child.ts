// The child side of isolated-rounds.ts: a script that builds ONE candidate, warms it up, times
// it, and prints one JSON line the parent reads. Node builtins only, so the otel bench's child
// (packages/otel/src/test-support) uses it too without depending on this example's packages.

/** What a child prints: the median wall and CPU time of one signal, in microseconds. */
export interface ChildReading {
  candidate: string;
  signals: number;
  wallUs: number;
  cpuUs: number;
}

/** What the parent passed: `<script> <candidate> <signals> <warmup>`. */
export function childArguments(): { candidate: string; signals: number; warmup: number } {
  const [candidate, signals, warmup = '300'] = process.argv.slice(2);
  if (!candidate || !Number.isInteger(Number(signals)) || !Number.isInteger(Number(warmup))) {
    throw new Error('Usage: <child-script> <candidate> <signals> [<warmup>]');
  }
  return { candidate, signals: Number(signals), warmup: Number(warmup) };
}

const median = (values: number[]) =>
  [...values].sort((left, right) => left - right)[values.length >> 1] ?? Number.NaN;

/** Runs `warmup` signals, then times `signals` one by one and prints the medians as JSON. */
export async function timeSignals(
  { candidate, signals, warmup }: { candidate: string; signals: number; warmup: number },
  handleSignal: () => Promise<unknown>,
): Promise<ChildReading> {
  for (let index = 0; index < warmup; index++) await handleSignal();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let index = 0; index < signals; index++) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await handleSignal();
    wall.push((performance.now() - started) * 1000);
    const used = process.cpuUsage(cpuBefore);
    cpu.push(used.user + used.system);
  }
  const reading = { candidate, signals, wallUs: median(wall), cpuUs: median(cpu) };
  process.stdout.write(`${JSON.stringify(reading)}\n`);
  return reading;
}
