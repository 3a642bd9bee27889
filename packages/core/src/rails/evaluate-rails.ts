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
import { runRail } from './run-rail';
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
 *    aborts the others through their AbortSignal;
 * 3. a rail that throws, times out or returns a malformed verdict escalates (fails closed).
 *
 * The decision is `deny` if any rail denied, else `escalate` if any escalated, else `allow`.
 * Rejects with `abortSignal.reason` when the caller aborts, with `InvalidRailError` for rails that
 * break the contract (a `timeoutMs` outside 1..2^31 − 1 included) and with `InvalidInputError` for
 * a context without `traceId` and `actor` or malformed options.
 */
export async function evaluateRails<Context extends RailContext>(
  rails: readonly Rail<Context>[],
  context: Context,
  options: EvaluateRailsOptions = {},
): Promise<Decision> {
  const specs = readRails(rails);
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
  const startedAt = clock.now();
  const results: RailResult[] = [];
  const controller = new AbortController();
  const onAbort = () => controller.abort(abortSignal?.reason);
  abortSignal?.addEventListener('abort', onAbort, { once: true });
  const run = (rail: RailSpec<Rail<Context>>) =>
    runRail(rail, context, {
      abortSignal: controller.signal,
      clock,
      timeoutMs: rail.timeoutMs ?? timeoutMs,
    });

  try {
    const deterministic = specs.filter((rail) => rail.kind === 'deterministic');
    const concurrent = specs.filter((rail) => rail.kind !== 'deterministic');
    let denied = false;
    for (const rail of deterministic) {
      if (denied) {
        results.push(skipped(rail, clock.now()));
        continue;
      }
      // run() settles as `aborted` as soon as the caller aborts: no separate race is needed.
      const result = await run(rail);
      results.push(result);
      denied = result.verdict === 'deny';
    }
    if (denied) {
      for (const rail of concurrent) results.push(skipped(rail, clock.now()));
    } else {
      // The first deny decides; the others are told to stop.
      const onResult = (result: RailResult) => {
        if (result.verdict === 'deny')
          controller.abort(new Error(`Denied by rail '${result.rail}'.`));
        return result;
      };
      const pending = concurrent.map((rail) => {
        const result = run(rail);
        return result instanceof Promise ? result.then(onResult) : onResult(result);
      });
      results.push(...(await Promise.all(pending)));
    }
  } finally {
    abortSignal?.removeEventListener('abort', onAbort);
  }
  throwIfAborted(abortSignal);
  return combine(results, { id: idGenerator(), traceId: context.traceId, startedAt, clock });
}

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

function combine(
  results: RailResult[],
  {
    id,
    traceId,
    startedAt,
    clock,
  }: { id: string; traceId: string; startedAt: number; clock: Clock },
): Decision {
  return combineRailResults(results, {
    id,
    traceId,
    decidedAt: startedAt,
    durationMs: Math.max(0, clock.now() - startedAt),
  });
}
