import { InvalidRailError } from '../errors/invalid-rail-error';
import { railKinds } from '../schemas/rail-verdict';
import { describeThrown } from '../utils/json-value';
import { isValidTimeoutMs, maxTimeoutMs } from '../utils/option-schemas';
import type { Rail } from './rail';
import { synchronousEvaluateOf } from './synchronous-evaluate';

/** A rail's fields as read once, at validation: a getter cannot change them mid-decision. */
export interface RailSpec<R extends Rail<never> = Rail<never>> {
  rail: R;
  name: string;
  kind: R['kind'];
  timeoutMs: number | undefined;
  /** What the engine calls: the rail's `evaluate`, or its synchronous `judge` (`evaluateWith`). */
  evaluate: R['evaluate'];
}

/** Checks a list of rails against the contract. @throws InvalidRailError */
export function validateRails<R extends Rail<never>>(rails: readonly R[]): readonly R[] {
  readRails(rails);
  return rails;
}

/**
 * Validates rails and reads each one's fields exactly once. A rail whose fields cannot be read
 * (a throwing getter, a proxy) breaks the contract like a missing field does.
 * @throws InvalidRailError
 */
export function readRails<R extends Rail<never>>(rails: readonly R[]): RailSpec<R>[] {
  let list: readonly R[];
  try {
    if (!Array.isArray(rails)) throw new InvalidRailError({ message: 'Rails must be an array.' });
    list = [...rails];
  } catch (error) {
    if (InvalidRailError.hasCode(error, 'invalid_rail')) throw error;
    throw new InvalidRailError({ message: `Rails cannot be read: ${describeThrown(error)}.` });
  }
  const names = new Set<string>();
  return list.map((rail, index) => {
    const spec = readRail(rail, index);
    if (names.has(spec.name)) {
      throw new InvalidRailError({
        rail: spec.name,
        message: `Two rails are named '${spec.name}'.`,
      });
    }
    names.add(spec.name);
    return spec;
  });
}

function readRail<R extends Rail<never>>(rail: R, index: number): RailSpec<R> {
  if (typeof rail !== 'object' || rail === null) {
    throw new InvalidRailError({ message: `Rail #${index} is not an object.` });
  }
  let name: unknown;
  let kind: unknown;
  let timeoutMs: unknown;
  let evaluate: unknown;
  let judge: unknown;
  try {
    ({ name, kind, timeoutMs, evaluate } = rail as Record<string, unknown>);
    judge = synchronousEvaluateOf(evaluate);
  } catch (error) {
    throw new InvalidRailError({
      message: `Rail #${index} cannot be read: ${describeThrown(error)}.`,
    });
  }
  if (typeof name !== 'string' || name.length === 0) {
    throw new InvalidRailError({ message: `Rail #${index} has no name.` });
  }
  if (!(railKinds as readonly unknown[]).includes(kind)) {
    throw new InvalidRailError({
      rail: name,
      message: `Rail '${name}' has kind '${typeof kind === 'string' ? kind : typeof kind}'; expected one of ${railKinds.join(', ')}.`,
    });
  }
  if (typeof evaluate !== 'function') {
    throw new InvalidRailError({ rail: name, message: `Rail '${name}' has no evaluate function.` });
  }
  if (timeoutMs !== undefined && !isValidTimeoutMs(timeoutMs)) {
    throw new InvalidRailError({
      rail: name,
      message: `Rail '${name}' has timeoutMs ${typeof timeoutMs === 'number' ? timeoutMs : typeof timeoutMs}; expected a number of ms from 1 to ${maxTimeoutMs} (timers clamp anything else to 1 ms).`,
    });
  }
  return {
    rail,
    name,
    kind: kind as R['kind'],
    timeoutMs: timeoutMs as number | undefined,
    evaluate: (judge ?? evaluate) as R['evaluate'],
  };
}
