import {
  type RailResult,
  type RailVerdict,
  railVerdictSchema,
  verdicts,
} from '../schemas/rail-verdict';
import { throwIfAborted } from '../utils/abort';
import type { Clock } from '../utils/clock';
import { describeThrown } from '../utils/json-value';
import { checkEvidence } from './check-evidence';
import type { Rail, RailContext, RailEvaluateOptions } from './rail';
import type { RailSpec } from './validate-rails';

type Settled =
  | { type: 'verdict'; value: unknown }
  | { type: 'error'; error: unknown }
  | { type: 'timeout' }
  | { type: 'aborted' };

/**
 * The engine's abort state for one decision. Waiting rails are told directly when it aborts:
 * an AbortController and an event listener per rail would cost more than most rails do.
 */
export class RailRunAbort {
  aborted = false;
  reason: unknown;
  // An array, not a Set: a decision waits for a handful of rails, most often one.
  #waiting: Array<() => void> | undefined;

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    if (this.#waiting) for (const callback of this.#waiting.slice()) callback();
  }

  watch(callback: () => void): void {
    this.#waiting ??= [];
    if (!this.#waiting.includes(callback)) this.#waiting.push(callback);
  }

  unwatch(callback: () => void): void {
    const waiting = this.#waiting;
    if (waiting === undefined) return;
    const index = waiting.indexOf(callback);
    if (index === -1) return;
    // Order does not matter: swap the last one in.
    const last = waiting.pop() as () => void;
    if (index < waiting.length) waiting[index] = last;
  }
}

export interface RunRailOptions {
  abortSignal: RailRunAbort;
  clock: Clock;
  timeoutMs: number;
  /**
   * Told when a rail answered at once but holds something until its verdict is read (a cost
   * charge, a rate-limit slot: `onRailEvaluationAborted`), with a way to drop that verdict.
   */
  onHeld?: ((drop: () => RailResult) => void) | undefined;
}

/**
 * Runs one rail with a timeout and an abort signal. Never throws: failures, timeouts and verdicts
 * that cannot be read become escalations (fail closed); an abort from outside becomes `aborted`.
 * A rail that answers synchronously gets its result synchronously: no timer, no promise hop.
 */
export function runRail<Context extends RailContext>(
  spec: RailSpec<Rail<Context>>,
  context: Context,
  options: RunRailOptions,
  /** When the rail starts, if the caller just read the clock. */
  startedAt: number = options.clock.now(),
): RailResult | Promise<RailResult> {
  if (options.abortSignal.aborted) return settle(spec, { type: 'aborted' }, startedAt, options);
  const controller = new LazyAbort();
  let value: unknown;
  let then: unknown;
  try {
    value = spec.evaluate.call(spec.rail, context, controller);
    // Reading `then` runs the verdict's getters or proxy traps: a fault here is the rail's.
    then =
      typeof value === 'object' || typeof value === 'function'
        ? (value as { then?: unknown } | null)?.then
        : undefined;
  } catch (error) {
    return settle(spec, { type: 'error', error }, startedAt, options);
  }
  if (typeof then !== 'function') {
    const result = settle(spec, { type: 'verdict', value }, startedAt, options);
    // A deny is never dropped: it decides.
    if (options.onHeld !== undefined && result.verdict !== 'deny' && controller.holds()) {
      options.onHeld(dropper(spec, controller, startedAt, options));
    }
    return result;
  }
  return wait(spec, value, then as PromiseLike<unknown>['then'], controller, startedAt, options);
}

// Its own function, so that `runRail` creates no closure (and keeps its locals off the heap).
function dropper(
  spec: RailSpec,
  controller: LazyAbort,
  startedAt: number,
  options: RunRailOptions,
): () => RailResult {
  return () => {
    controller.abort(new Error(`The verdict of rail '${spec.name}' was dropped.`));
    return settle(spec, { type: 'aborted' }, startedAt, options);
  };
}

/**
 * A rail's own abort signal, created only when the rail reads it: most rails answer without
 * looking, and an AbortController per rail and decision costs more than they do. The rail gets
 * this object as its options (`abortSignal` is a getter on the class, which keeps it cheap).
 */
class LazyAbort {
  #controller: AbortController | undefined;
  #aborted = false;
  #reason: unknown;
  #onAbort: Array<() => void> | undefined;

  get abortSignal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      // Read after the abort: the rail still sees an aborted signal.
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /** Whether something waits for this evaluation's abort (`whenAborted`). */
  holds(): boolean {
    return !this.#aborted && this.#onAbort !== undefined && this.#onAbort.length > 0;
  }

  /** Throws the reason when aborted, without creating the signal. */
  throwIfAborted() {
    if (this.#aborted) throw this.#reason;
  }

  /** Calls `callback` when the engine aborts this evaluation (at once when it already has). */
  whenAborted(callback: () => void) {
    if (this.#aborted) callAbortCallback(callback);
    else {
      this.#onAbort ??= [];
      this.#onAbort.push(callback);
    }
  }

  abort(reason: unknown) {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
    const callbacks = this.#onAbort;
    this.#onAbort = undefined;
    if (callbacks) for (const callback of callbacks) callAbortCallback(callback);
  }
}

// The engine aborts from its own bookkeeping: a rail's callback that throws must not break it.
function callAbortCallback(callback: () => void) {
  try {
    callback();
  } catch {
    // Documented as ignored on `onRailEvaluationAborted`.
  }
}

/**
 * Calls `callback` once when `evaluateRails` aborts this rail evaluation, which it does only
 * while it still waits for the verdict, and then drops the verdict (at once when it already has);
 * returns true. What the callback throws is ignored. For a direct call (options not made by
 * `evaluateRails`) it registers nothing and returns false: nobody drops that verdict, and the
 * caller's signal may live as long as the process (a listener per call would pile up on it).
 * Creates no AbortController under the engine.
 */
export function onRailEvaluationAborted(
  options: RailEvaluateOptions,
  callback: () => void,
): boolean {
  if (!(options instanceof LazyAbort)) return false;
  options.whenAborted(callback);
  return true;
}

/**
 * `throwIfAborted(options.abortSignal)` for a rail: under `evaluateRails` it answers without
 * creating the rail's signal, so a rail that only checks it at the start costs no AbortController.
 * Called directly, with a plain `{ abortSignal }`, it reads that signal.
 */
export function throwIfRailAborted(options: RailEvaluateOptions): void {
  if (options instanceof LazyAbort) options.throwIfAborted();
  else throwIfAborted(options.abortSignal);
}

function wait(
  spec: RailSpec,
  thenable: unknown,
  then: PromiseLike<unknown>['then'],
  controller: LazyAbort,
  startedAt: number,
  options: RunRailOptions,
): Promise<RailResult> {
  const { abortSignal, clock, timeoutMs } = options;
  return new Promise<RailResult>((resolve) => {
    let done = false;
    let cancelTimer: (() => void) | undefined;
    const onAbort = () => {
      controller.abort(abortSignal.reason);
      finish({ type: 'aborted' });
    };
    abortSignal.watch(onAbort);
    // A hand-made thenable may call back twice, or both ways: the first answer counts.
    function finish(settled: Settled) {
      if (done) return;
      done = true;
      cancelTimer?.();
      abortSignal.unwatch(onAbort);
      resolve(settle(spec, settled, startedAt, options));
    }
    try {
      then.call(
        thenable,
        (value) => finish({ type: 'verdict', value }),
        (error: unknown) => finish({ type: 'error', error }),
      );
    } catch (error) {
      finish({ type: 'error', error });
    }
    // Most asynchronous rails answer within a microtask (an `async` function that awaits
    // nothing): they never get a timer. The others get one for what is left of their time, so a
    // clock moved in the meantime (a manual clock in a test) still times them out.
    queueMicrotask(() => {
      if (done) return;
      const timedOut = () => {
        controller.abort(new Error(`Rail '${spec.name}' timed out after ${timeoutMs} ms.`));
        finish({ type: 'timeout' });
      };
      const left = timeoutMs - Math.max(0, clock.now() - startedAt);
      if (left <= 0) timedOut();
      else cancelTimer = clock.setTimer(left, timedOut);
    });
  });
}

const failClosed = 'escalating because rails fail closed';

function settle(
  spec: RailSpec,
  settled: Settled,
  startedAt: number,
  { clock, timeoutMs }: RunRailOptions,
): RailResult {
  const durationMs = Math.max(0, clock.now() - startedAt);
  // The hot path first: a readable verdict needs no intermediate object.
  let unreadable: { error: unknown } | undefined;
  if (settled.type === 'verdict') {
    try {
      const result = toResult(settled.value, spec, startedAt, durationMs);
      if (result) return result;
    } catch (error) {
      unreadable = { error };
    }
  }
  const base = { rail: spec.name, kind: spec.kind, startedAt, durationMs };
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
      if (unreadable) {
        // A getter, a proxy trap or a `toJSON` that throws: the verdict cannot be recorded.
        const message = describeThrown(unreadable.error);
        return {
          ...base,
          status: 'failed',
          verdict: 'escalate',
          reason: `Rail '${spec.name}' returned a verdict that cannot be read: ${message}; ${failClosed}.`,
          evidence: { error: message },
        };
      }
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
 * The hot path: a structural check that accepts exactly what `railVerdictSchema` accepts, and
 * the completed result built in one object. Each field is read once, and evidence must
 * serialise as JSON, the way stores will record it.
 * @throws whatever reading or serialising the verdict throws
 */
function toResult(
  value: unknown,
  spec: RailSpec,
  startedAt: number,
  durationMs: number,
): RailResult | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { verdict, reason, evidence, confidence } = value as Record<string, unknown>;
  if (!(verdicts as readonly unknown[]).includes(verdict)) return undefined;
  if (typeof reason !== 'string' || reason.length === 0) return undefined;
  if (
    confidence !== undefined &&
    !(typeof confidence === 'number' && confidence >= 0 && confidence <= 1)
  )
    return undefined;
  const { name: rail, kind } = spec;
  const status = 'completed';
  const judged = verdict as RailVerdict['verdict'];
  // One literal per shape: a field added afterwards would grow the object into a second store.
  const result: RailResult =
    evidence === undefined
      ? { rail, kind, startedAt, durationMs, status, verdict: judged, reason }
      : {
          rail,
          kind,
          startedAt,
          durationMs,
          status,
          verdict: judged,
          reason,
          evidence: checkEvidence(evidence),
        };
  // Rare (a verdict with its own confidence): added afterwards.
  if (confidence !== undefined) result.confidence = confidence;
  return result;
}

function describeIssues(value: unknown): string[] {
  try {
    const issues = railVerdictSchema.safeParse(value).error?.issues ?? [];
    return issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  } catch (error) {
    return [`cannot be read: ${describeThrown(error)}`];
  }
}
