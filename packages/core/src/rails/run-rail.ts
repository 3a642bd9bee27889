import { type RailResult, railVerdictSchema } from '../schemas/rail-verdict';
import type { Clock } from '../utils/clock';
import type { Rail, RailContext } from './rail';

type Settled =
  | { type: 'verdict'; value: unknown }
  | { type: 'error'; error: unknown }
  | { type: 'timeout' }
  | { type: 'aborted' };

/**
 * Runs one rail with a timeout and an abort signal. Never throws: failures and timeouts
 * become escalations (fail closed); an abort from outside becomes status `aborted`.
 */
export async function runRail<Context extends RailContext>(
  rail: Rail<Context>,
  context: Context,
  { signal, clock, timeoutMs }: { signal: AbortSignal; clock: Clock; timeoutMs: number },
): Promise<RailResult> {
  const startedAt = clock.now();
  const base = { rail: rail.name, kind: rail.kind, startedAt };
  const controller = new AbortController();
  const cleanups: Array<() => void> = [];
  const settled = await new Promise<Settled>((resolve) => {
    const onAbort = () => {
      controller.abort(signal.reason);
      resolve({ type: 'aborted' });
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    cleanups.push(() => signal.removeEventListener('abort', onAbort));
    cleanups.push(
      clock.setTimer(timeoutMs, () => {
        controller.abort(new Error(`Rail '${rail.name}' timed out after ${timeoutMs} ms.`));
        resolve({ type: 'timeout' });
      }),
    );
    try {
      Promise.resolve(rail.evaluate(context, { signal: controller.signal })).then(
        (value) => resolve({ type: 'verdict', value }),
        (error: unknown) => resolve({ type: 'error', error }),
      );
    } catch (error) {
      resolve({ type: 'error', error });
    }
  });
  for (const cleanup of cleanups) cleanup();
  const durationMs = Math.max(0, clock.now() - startedAt);

  switch (settled.type) {
    case 'aborted':
      return {
        ...base,
        status: 'aborted',
        reason: 'Not needed: the decision was already made.',
        durationMs,
      };
    case 'timeout':
      return {
        ...base,
        status: 'timed_out',
        verdict: 'escalate',
        reason: `Rail '${rail.name}' did not answer within ${timeoutMs} ms; escalating because rails fail closed.`,
        durationMs,
      };
    case 'error':
      return {
        ...base,
        status: 'failed',
        verdict: 'escalate',
        reason: `Rail '${rail.name}' failed: ${describeError(settled.error)}; escalating because rails fail closed.`,
        evidence: { error: describeError(settled.error) },
        durationMs,
      };
    case 'verdict': {
      const parsed = railVerdictSchema.safeParse(settled.value);
      if (!parsed.success) {
        return {
          ...base,
          status: 'failed',
          verdict: 'escalate',
          reason: `Rail '${rail.name}' returned a malformed verdict; escalating because rails fail closed.`,
          evidence: { issues: parsed.error.issues.map((issue) => issue.message) },
          durationMs,
        };
      }
      const result: RailResult = { ...base, status: 'completed', ...parsed.data, durationMs };
      return result;
    }
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
