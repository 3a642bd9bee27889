import {
  type RailResult,
  type RailVerdict,
  railVerdictSchema,
  verdicts,
} from '../schemas/rail-verdict';
import type { Clock } from '../utils/clock';
import type { Rail, RailContext } from './rail';

type Settled =
  | { type: 'verdict'; value: unknown }
  | { type: 'error'; error: unknown }
  | { type: 'timeout' }
  | { type: 'aborted' };

interface RunOptions {
  signal: AbortSignal;
  clock: Clock;
  timeoutMs: number;
}

/**
 * Runs one rail with a timeout and an abort signal. Never throws: failures and timeouts
 * become escalations (fail closed); an abort from outside becomes status `aborted`.
 * A rail that answers synchronously gets its result synchronously: no timer, no promise hop.
 */
export function runRail<Context extends RailContext>(
  rail: Rail<Context>,
  context: Context,
  options: RunOptions,
): RailResult | Promise<RailResult> {
  const startedAt = options.clock.now();
  if (options.signal.aborted) return settle(rail, { type: 'aborted' }, startedAt, options);
  const controller = new AbortController();
  let value: unknown;
  try {
    value = rail.evaluate(context, { signal: controller.signal });
  } catch (error) {
    return settle(rail, { type: 'error', error }, startedAt, options);
  }
  if (!isThenable(value)) return settle(rail, { type: 'verdict', value }, startedAt, options);
  return wait(rail, value, controller, options).then((settled) =>
    settle(rail, settled, startedAt, options),
  );
}

function wait(
  rail: Rail<never>,
  pending: PromiseLike<unknown>,
  controller: AbortController,
  { signal, clock, timeoutMs }: RunOptions,
): Promise<Settled> {
  return new Promise<Settled>((resolve) => {
    const onAbort = () => {
      controller.abort(signal.reason);
      finish({ type: 'aborted' });
    };
    const cancelTimer = clock.setTimer(timeoutMs, () => {
      controller.abort(new Error(`Rail '${rail.name}' timed out after ${timeoutMs} ms.`));
      finish({ type: 'timeout' });
    });
    const finish = (settled: Settled) => {
      cancelTimer();
      signal.removeEventListener('abort', onAbort);
      resolve(settled);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (value) => finish({ type: 'verdict', value }),
      (error: unknown) => finish({ type: 'error', error }),
    );
  });
}

function settle(
  rail: Rail<never>,
  settled: Settled,
  startedAt: number,
  { clock, timeoutMs }: RunOptions,
): RailResult {
  const base = {
    rail: rail.name,
    kind: rail.kind,
    startedAt,
    durationMs: Math.max(0, clock.now() - startedAt),
  };
  const failClosed = `escalating because rails fail closed`;
  switch (settled.type) {
    case 'aborted':
      return { ...base, status: 'aborted', reason: 'Not needed: the decision was already made.' };
    case 'timeout':
      return {
        ...base,
        status: 'timed_out',
        verdict: 'escalate',
        reason: `Rail '${rail.name}' did not answer within ${timeoutMs} ms; ${failClosed}.`,
      };
    case 'error': {
      const message =
        settled.error instanceof Error ? settled.error.message : String(settled.error);
      return {
        ...base,
        status: 'failed',
        verdict: 'escalate',
        reason: `Rail '${rail.name}' failed: ${message}; ${failClosed}.`,
        evidence: { error: message },
      };
    }
    case 'verdict': {
      const verdict = toVerdict(settled.value);
      if (verdict) return { ...base, status: 'completed', ...verdict };
      const issues = railVerdictSchema.safeParse(settled.value).error?.issues ?? [];
      return {
        ...base,
        status: 'failed',
        verdict: 'escalate',
        reason: `Rail '${rail.name}' returned a malformed verdict; ${failClosed}.`,
        evidence: { issues: issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) },
      };
    }
  }
}

/** The hot path: a structural check that accepts exactly what `railVerdictSchema` accepts. */
function toVerdict(value: unknown): RailVerdict | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { verdict, reason, evidence, confidence } = value as Record<string, unknown>;
  if (!(verdicts as readonly unknown[]).includes(verdict)) return undefined;
  if (typeof reason !== 'string' || reason.length === 0) return undefined;
  if (
    confidence !== undefined &&
    !(typeof confidence === 'number' && confidence >= 0 && confidence <= 1)
  )
    return undefined;
  const result: RailVerdict = { verdict: verdict as RailVerdict['verdict'], reason };
  if (evidence !== undefined) result.evidence = evidence;
  if (confidence !== undefined) result.confidence = confidence;
  return result;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}
