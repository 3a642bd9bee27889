import { InvalidRailError } from '../errors/invalid-rail-error';
import { railKinds } from '../schemas/rail-verdict';
import type { Rail } from './rail';

/** Checks a list of rails against the contract. @throws InvalidRailError */
export function validateRails<R extends Rail<never>>(rails: readonly R[]): readonly R[] {
  if (!Array.isArray(rails)) throw new InvalidRailError({ message: 'Rails must be an array.' });
  const names = new Set<string>();
  rails.forEach((rail, index) => {
    if (typeof rail !== 'object' || rail === null) {
      throw new InvalidRailError({ message: `Rail #${index} is not an object.` });
    }
    if (typeof rail.name !== 'string' || rail.name.length === 0) {
      throw new InvalidRailError({ message: `Rail #${index} has no name.` });
    }
    if (!(railKinds as readonly string[]).includes(rail.kind)) {
      throw new InvalidRailError({
        rail: rail.name,
        message: `Rail '${rail.name}' has kind '${String(rail.kind)}'; expected one of ${railKinds.join(', ')}.`,
      });
    }
    if (typeof rail.evaluate !== 'function') {
      throw new InvalidRailError({
        rail: rail.name,
        message: `Rail '${rail.name}' has no evaluate function.`,
      });
    }
    if (rail.timeoutMs !== undefined && !(rail.timeoutMs > 0)) {
      throw new InvalidRailError({
        rail: rail.name,
        message: `Rail '${rail.name}' has a non-positive timeoutMs.`,
      });
    }
    if (names.has(rail.name)) {
      throw new InvalidRailError({
        rail: rail.name,
        message: `Two rails are named '${rail.name}'.`,
      });
    }
    names.add(rail.name);
  });
  return rails;
}
