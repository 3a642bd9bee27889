import {
  type RailResult,
  type RailVerdict,
  railVerdictSchema,
  verdicts,
} from '../schemas/rail-verdict';
import type { Clock } from '../utils/clock';
import { describeThrown } from '../utils/json-value';
import type { Rail, RailContext } from './rail';
import type { RailSpec } from './validate-rails';

type Settled =
  | { type: 'verdict'; value: unknown }
  | { type: 'error'; error: unknown }
  | { type: 'timeout' }
  | { type: 'aborted' };

interface RunOptions {
  abortSignal: AbortSignal;
  clock: Clock;
  timeoutMs: number;
}

/**
 * Runs one rail with a timeout and an abort signal. Never throws: failures, timeouts and verdicts
 * that cannot be read become escalations (fail closed); an abort from outside becomes `aborted`.
 * A rail that answers synchronously gets its result synchronously: no timer, no promise hop.
 */
export function runRail<Context extends RailContext>(
  spec: RailSpec<Rail<Context>>,
  context: Context,
  options: RunOptions,
): RailResult | Promise<RailResult> {
  const startedAt = options.clock.now();
  if (options.abortSignal.aborted) return settle(spec, { type: 'aborted' }, startedAt, options);
  const controller = new AbortController();
  let value: unknown;
  let then: unknown;
  try {
    value = spec.evaluate.call(spec.rail, context, { abortSignal: controller.signal });
    // Reading `then` runs the verdict's getters or proxy traps: a fault here is the rail's.
    then =
      typeof value === 'object' || typeof value === 'function'
        ? (value as { then?: unknown } | null)?.then
        : undefined;
  } catch (error) {
    return settle(spec, { type: 'error', error }, startedAt, options);
  }
  if (typeof then !== 'function')
    return settle(spec, { type: 'verdict', value }, startedAt, options);
  return wait(spec, value, then as PromiseLike<unknown>['then'], controller, options).then(
    (settled) => settle(spec, settled, startedAt, options),
  );
}

function wait(
  spec: RailSpec,
  thenable: unknown,
  then: PromiseLike<unknown>['then'],
  controller: AbortController,
  { abortSignal, clock, timeoutMs }: RunOptions,
): Promise<Settled> {
  return new Promise<Settled>((resolve) => {
    let done = false;
    const onAbort = () => {
      controller.abort(abortSignal.reason);
      finish({ type: 'aborted' });
    };
    const cancelTimer = clock.setTimer(timeoutMs, () => {
      controller.abort(new Error(`Rail '${spec.name}' timed out after ${timeoutMs} ms.`));
      finish({ type: 'timeout' });
    });
    // A hand-made thenable may call back twice, or both ways: the first answer counts.
    function finish(settled: Settled) {
      if (done) return;
      done = true;
      cancelTimer();
      abortSignal.removeEventListener('abort', onAbort);
      resolve(settled);
    }
    abortSignal.addEventListener('abort', onAbort, { once: true });
    try {
      then.call(
        thenable,
        (value) => finish({ type: 'verdict', value }),
        (error: unknown) => finish({ type: 'error', error }),
      );
    } catch (error) {
      finish({ type: 'error', error });
    }
  });
}

const failClosed = 'escalating because rails fail closed';

function settle(
  spec: RailSpec,
  settled: Settled,
  startedAt: number,
  { clock, timeoutMs }: RunOptions,
): RailResult {
  const base = {
    rail: spec.name,
    kind: spec.kind,
    startedAt,
    durationMs: Math.max(0, clock.now() - startedAt),
  };
  switch (settled.type) {
    case 'aborted':
      return { ...base, status: 'aborted', reason: 'Not needed: the decision was already made.' };
    case 'timeout':
      return {
        ...base,
        status: 'timed_out',
        verdict: 'escalate',
        reason: `Rail '${spec.name}' did not answer within ${timeoutMs} ms; ${failClosed}.`,
      };
    case 'error': {
      const message = describeThrown(settled.error);
      return {
        ...base,
        status: 'failed',
        verdict: 'escalate',
        reason: `Rail '${spec.name}' failed: ${message}; ${failClosed}.`,
        evidence: { error: message },
      };
    }
    case 'verdict': {
      let verdict: RailVerdict | undefined;
      try {
        verdict = toVerdict(settled.value);
      } catch (error) {
        // A getter, a proxy trap or a `toJSON` that throws: the verdict cannot be recorded.
        const message = describeThrown(error);
        return {
          ...base,
          status: 'failed',
          verdict: 'escalate',
          reason: `Rail '${spec.name}' returned a verdict that cannot be read: ${message}; ${failClosed}.`,
          evidence: { error: message },
        };
      }
      if (verdict) return { ...base, status: 'completed', ...verdict };
      return {
        ...base,
        status: 'failed',
        verdict: 'escalate',
        reason: `Rail '${spec.name}' returned a malformed verdict; ${failClosed}.`,
        evidence: { issues: describeIssues(settled.value) },
      };
    }
  }
}

/**
 * The hot path: a structural check that accepts exactly what `railVerdictSchema` accepts. Each
 * field is read once, and evidence must serialise as JSON, the way stores will record it.
 * @throws whatever reading or serialising the verdict throws
 */
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
  if (evidence !== undefined) result.evidence = checkEvidence(evidence);
  if (confidence !== undefined) result.confidence = confidence;
  return result;
}

function checkEvidence(evidence: unknown): unknown {
  // Decisions are stored as JSON: evidence that cannot be serialised must fail now, not later.
  const type = typeof evidence;
  if (type === 'bigint' || type === 'function' || type === 'symbol') {
    throw new TypeError(`evidence is a ${type}, which cannot be stored as JSON`);
  }
  if (type === 'object' && evidence !== null) JSON.stringify(evidence);
  return evidence;
}

function describeIssues(value: unknown): string[] {
  try {
    const issues = railVerdictSchema.safeParse(value).error?.issues ?? [];
    return issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  } catch (error) {
    return [`cannot be read: ${describeThrown(error)}`];
  }
}
