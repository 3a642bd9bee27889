import { z } from 'zod';
import { InvalidInputError } from '../errors/invalid-input-error';
import type { Decision } from '../schemas/decision';
import type { RailResult } from '../schemas/rail-verdict';
import { throwIfAborted } from '../utils/abort';
import { type Clock, systemClock } from '../utils/clock';
import { type IdGenerator, randomIdGenerator } from '../utils/id-generator';
import { describeThrown } from '../utils/json-value';
import {
  abortSignalSchema,
  clockSchema,
  idGeneratorSchema,
  isValidTimeoutMs,
  timeoutMsSchema,
} from '../utils/option-schemas';
import { parseInput } from '../utils/parse-input';
import { combineRailResults } from './combine-rail-results';
import type { Rail, RailContext } from './rail';
import { RailRunAbort, type RunRailOptions, runRail } from './run-rail';
import { type RailSpec, readRails } from './validate-rails';

export interface EvaluateRailsOptions {
  abortSignal?: AbortSignal;
  clock?: Clock;
  idGenerator?: IdGenerator;
  /** Timeout for rails that do not set their own (ms), 1 to 2^31 − 1. Default 2000. */
  timeoutMs?: number;
}

const optionsSchema = z
  .object({
    abortSignal: abortSignalSchema.optional(),
    clock: clockSchema.optional(),
    idGenerator: idGeneratorSchema.optional(),
    timeoutMs: timeoutMsSchema.optional(),
  })
  .optional();

/** The options, checked by hand on the hot path; zod only words the error. */
function readOptions(options: unknown): EvaluateRailsOptions {
  if (options === undefined) return {};
  if (typeof options === 'object' && options !== null) {
    try {
      // Read once: a getter cannot hand the engine a value other than the one checked.
      const { abortSignal, clock, idGenerator, timeoutMs } = options as Record<string, unknown>;
      if (
        (abortSignal === undefined || abortSignal instanceof AbortSignal) &&
        (clock === undefined || clockSchema.safeParse(clock).success) &&
        (idGenerator === undefined || typeof idGenerator === 'function') &&
        (timeoutMs === undefined || isValidTimeoutMs(timeoutMs))
      ) {
        return { abortSignal, clock, idGenerator, timeoutMs } as EvaluateRailsOptions;
      }
    } catch {
      // Worded by parseInput below.
    }
  }
  parseInput(optionsSchema, options, 'evaluateRails options');
  throw new InvalidInputError({
    subject: 'evaluateRails options',
    issues: [{ path: '', message: 'cannot be read' }],
  });
}

/** Only what the engine itself reads; rails check the rest of the context they depend on. */
function contextProblem(context: unknown): string | undefined {
  if (typeof context !== 'object' || context === null) return 'expected an object';
  let traceId: unknown;
  let actor: unknown;
  try {
    ({ traceId, actor } = context as Record<string, unknown>);
  } catch (error) {
    return `cannot be read (${describeThrown(error)})`;
  }
  if (typeof traceId !== 'string' || traceId.length === 0)
    return 'traceId: expected a non-empty string';
  if (typeof actor !== 'object' || actor === null) return 'actor: expected an object';
  return undefined;
}

/**
 * Judges one proposed decision with every rail:
 * 1. deterministic rails run one by one, in order; the first deny skips everything else;
 * 2. semantic and economic rails run concurrently, each with its own timeout; the first deny
 *    aborts the others through their AbortSignal. Those that answer at once answer together:
 *    when one of them denies, or the caller aborts before the decision, the verdicts among them
 *    that hold something until read (`onRailEvaluationAborted`: a charge, a slot) are dropped
 *    (status `aborted`) like those of rails still waiting, and give back what they took;
 * 3. a rail that throws, times out or returns a malformed verdict escalates (fails closed).
 *
 * The decision is `deny` if any rail denied, else `escalate` if any escalated, else `allow`.
 * Rejects with `abortSignal.reason` when the caller aborts, with `InvalidRailError` for rails that
 * break the contract (a `timeoutMs` outside 1..2^31 − 1 included) and with `InvalidInputError` for
 * a context without `traceId` and `actor` or malformed options.
 */
export function evaluateRails<Context extends RailContext>(
  rails: readonly Rail<Context>[],
  context: Context,
  options: EvaluateRailsOptions = {},
): Promise<Decision> {
  let run: DecisionRun<Context>;
  let outcome: Decision | Promise<Decision>;
  try {
    run = startRun(rails, context, options);
  } catch (error) {
    return Promise.reject(error);
  }
  try {
    outcome = run.deterministicFrom(0);
  } catch (error) {
    run.cleanUp();
    return Promise.reject(error);
  }
  // Rails that all answer synchronously cost no promise hop but the one returned. A later
  // answer needs no cleanup here: runRail never throws, and finish() cleans up before anything
  // that can (the abort check, the id generator).
  return outcome instanceof Promise ? outcome : Promise.resolve(outcome);
}

/** Checks the input and starts a run. @throws InvalidRailError, InvalidInputError, the abort reason */
function startRun<Context extends RailContext>(
  rails: readonly Rail<Context>[],
  context: Context,
  options: EvaluateRailsOptions,
): DecisionRun<Context> {
  const { deterministic, concurrent } = prepareRails(rails);
  const {
    abortSignal,
    clock = systemClock,
    idGenerator = randomIdGenerator,
    timeoutMs = 2000,
  } = readOptions(options);
  const problem = contextProblem(context);
  if (problem !== undefined) {
    throw new InvalidInputError({
      subject: 'rail context',
      issues: [{ path: '', message: problem }],
    });
  }
  throwIfAborted(abortSignal);
  return new DecisionRun(deterministic, concurrent, context, {
    abortSignal,
    clock,
    idGenerator,
    timeoutMs,
  });
}

/** One decision in progress. A class, so the hot path allocates one object, not a closure each. */
class DecisionRun<Context extends RailContext> {
  readonly results: RailResult[] = [];
  readonly state = new RailRunAbort();
  readonly startedAt: number;
  /**
   * The clock's time when the last rail returned, while no promise hop came in between: a rail
   * starts when the previous one ended, which saves reading the clock twice per rail.
   */
  at: number | undefined;
  denied = false;
  #onAbort: (() => void) | undefined;
  #runOptions: RunRailOptions | undefined;
  /**
   * Concurrent rails that answered at once and hold something (a charge, a slot) until their
   * verdict is read. They answered together: when one of them denies, or the caller aborts before
   * the decision is made, their verdicts are dropped, as those of rails still waiting would be.
   */
  #held: Array<{ slot: number; drop: () => RailResult }> | undefined;
  #concurrentOptions: RunRailOptions | undefined;
  // Called by `runRail` before the caller records the result: its slot is the next one. A field,
  // not a closure made in `run`, which slowed every rail's run by half.
  #hold = (drop: () => RailResult) => {
    this.#held ??= [];
    this.#held.push({ slot: this.results.length, drop });
  };

  constructor(
    readonly deterministic: RailSpec<Rail<Context>>[],
    readonly concurrent: RailSpec<Rail<Context>>[],
    readonly context: Context,
    readonly options: Required<Omit<EvaluateRailsOptions, 'abortSignal'>> & {
      abortSignal: AbortSignal | undefined;
    },
  ) {
    this.startedAt = options.clock.now();
    this.at = this.startedAt;
  }

  /**
   * Listens to the caller's signal once a rail makes the run wait: a run whose rails all answer
   * at once (most) adds no listener, and reads the signal before each rail instead (`run`).
   */
  listen() {
    const { abortSignal } = this.options;
    if (abortSignal === undefined || this.#onAbort !== undefined) return;
    this.#onAbort = () => this.state.abort(abortSignal.reason);
    if (abortSignal.aborted) this.#onAbort();
    else abortSignal.addEventListener('abort', this.#onAbort, { once: true });
  }

  run(rail: RailSpec<Rail<Context>>, concurrent = false): RailResult | Promise<RailResult> {
    // Aborted by a rail that answered at once, before anything listened.
    const { abortSignal } = this.options;
    if (abortSignal?.aborted) this.state.abort(abortSignal.reason);
    // Rails without a timeout of their own share one options object.
    this.#runOptions ??= {
      abortSignal: this.state,
      clock: this.options.clock,
      timeoutMs: this.options.timeoutMs,
    };
    // Concurrent rails are told to report what they hold (`#held`), from where they will sit.
    if (concurrent) this.#concurrentOptions ??= { ...this.#runOptions, onHeld: this.#hold };
    const shared = concurrent ? (this.#concurrentOptions as RunRailOptions) : this.#runOptions;
    const options =
      rail.timeoutMs === undefined ? shared : { ...shared, timeoutMs: rail.timeoutMs };
    return runRail(rail, this.context, options, this.at);
  }

  /** Drops the verdicts still held (see `#held`): their rails give back what they took. */
  dropHeld() {
    const held = this.#held;
    this.#held = undefined;
    if (held) for (const { slot, drop } of held) this.results[slot] = drop();
  }

  /** Deterministic rails one by one, from `index`; a rail that answers later resumes here. */
  deterministicFrom(index: number): Decision | Promise<Decision> {
    for (let position = index; position < this.deterministic.length; position++) {
      const rail = this.deterministic[position] as RailSpec<Rail<Context>>;
      if (this.denied) {
        this.at ??= this.options.clock.now();
        this.results.push(skipped(rail, this.at));
        continue;
      }
      // run() settles as `aborted` as soon as the caller aborts: no separate race is needed.
      const pending = this.run(rail);
      if (pending instanceof Promise) {
        this.listen();
        return pending.then((result) => {
          this.at = undefined;
          this.record(result);
          return this.deterministicFrom(position + 1);
        });
      }
      this.at = endOf(pending);
      this.record(pending);
    }
    return this.concurrently();
  }

  record(result: RailResult) {
    this.results.push(result);
    if (result.verdict === 'deny') this.denied = true;
  }

  /** Semantic and economic rails at once; the first deny tells the others to stop. */
  concurrently(): Decision | Promise<Decision> {
    if (this.denied) {
      this.at ??= this.options.clock.now();
      for (const rail of this.concurrent) this.results.push(skipped(rail, this.at));
      return this.finish();
    }
    const offset = this.results.length;
    // Rails still answering, by their slot in the results.
    let waiting: Array<{ slot: number; result: Promise<RailResult> }> | undefined;
    for (const rail of this.concurrent) {
      const result = this.run(rail, true);
      if (result instanceof Promise) {
        this.at = undefined;
        waiting ??= [];
        waiting.push({ slot: this.results.length, result });
        this.results.push(undefined as never);
      } else {
        this.at = endOf(result);
        this.results.push(result);
        this.onConcurrentResult(result);
      }
    }
    // A deny (or the caller's abort) among the rails that answered at once.
    if (this.state.aborted) this.dropHeld();
    if (waiting === undefined) return this.finish();
    this.listen();
    const settle = (slot: number, result: RailResult) => {
      this.results[slot] = result;
      this.onConcurrentResult(result);
    };
    const done = () => {
      // The decision ends when its last rail did: only promise hops came after.
      let end = this.startedAt;
      for (let index = offset; index < this.results.length; index++) {
        end = Math.max(end, endOf(this.results[index] as RailResult));
      }
      this.at = end;
      return this.finish();
    };
    if (waiting.length === 1) {
      // One rail to wait for (the common case): one promise hop, not two.
      const [only] = waiting as [{ slot: number; result: Promise<RailResult> }];
      return only.result.then((result) => {
        settle(only.slot, result);
        return done();
      });
    }
    return Promise.all(
      waiting.map(({ slot, result }) => result.then((settled) => settle(slot, settled))),
    ).then(done);
  }

  onConcurrentResult(result: RailResult) {
    if (result.verdict === 'deny') this.state.abort(new Error(`Denied by rail '${result.rail}'.`));
  }

  cleanUp() {
    if (this.#onAbort) this.options.abortSignal?.removeEventListener('abort', this.#onAbort);
  }

  finish(): Decision {
    this.cleanUp();
    const { abortSignal, clock, idGenerator } = this.options;
    // No decision comes out: nobody could give back what the held verdicts took.
    if (abortSignal?.aborted) this.dropHeld();
    throwIfAborted(abortSignal);
    return combineRailResults(this.results, {
      id: idGenerator(),
      traceId: this.context.traceId,
      decidedAt: this.startedAt,
      durationMs: Math.max(0, (this.at ?? clock.now()) - this.startedAt),
    });
  }
}

interface PreparedRails {
  items: readonly Rail<never>[];
  deterministic: RailSpec<Rail<never>>[];
  concurrent: RailSpec<Rail<never>>[];
}

// Rail lists as validated, by list: a loop passes the same list for every decision.
const prepared = new WeakMap<object, PreparedRails>();

/**
 * The rails, validated and split by how they run. A list seen before is not read again while
 * it holds the same rail objects (each rail's fields are read once, when first seen).
 * @throws InvalidRailError
 */
function prepareRails<Context extends RailContext>(
  rails: readonly Rail<Context>[],
): { deterministic: RailSpec<Rail<Context>>[]; concurrent: RailSpec<Rail<Context>>[] } {
  const cached = typeof rails === 'object' && rails !== null ? prepared.get(rails) : undefined;
  if (cached && holdsSameRails(cached.items, rails)) return cached as never;
  const specs = readRails(rails);
  const entry: PreparedRails = {
    items: specs.map((spec) => spec.rail),
    deterministic: specs.filter((rail) => rail.kind === 'deterministic'),
    concurrent: specs.filter((rail) => rail.kind !== 'deterministic'),
  };
  prepared.set(rails, entry);
  return entry as never;
}

function holdsSameRails(items: readonly unknown[], rails: readonly unknown[]): boolean {
  try {
    if (rails.length !== items.length) return false;
    for (let index = 0; index < items.length; index++) {
      if (rails[index] !== items[index]) return false;
    }
    return true;
  } catch {
    // A list that became unreadable is read again, and refused, by readRails.
    return false;
  }
}

/** When a result's rail returned, by the clock. */
const endOf = (result: RailResult) => result.startedAt + result.durationMs;

function skipped(rail: RailSpec, at: number): RailResult {
  return {
    rail: rail.name,
    kind: rail.kind,
    status: 'skipped',
    reason: 'Not evaluated: a deterministic rail already denied.',
    startedAt: at,
    durationMs: 0,
  };
}
