import type { InputIssue } from '../errors/invalid-input-error';

/**
 * Deepest nesting accepted in data that guardloop stores or fingerprints. Real help-desk payloads
 * are a few levels deep; the cap keeps every walk far from the call-stack limit.
 */
export const maxJsonDepth = 256;

/**
 * The first reason `value` cannot be stored as JSON without loss or a crash, or undefined:
 * a cycle, nesting deeper than `maxJsonDepth`, a non-finite number, an Invalid Date, a bigint,
 * symbol or function, or a property that throws when read. Never throws.
 */
export function findJsonProblem(value: unknown, path = ''): InputIssue | undefined {
  const keys: string[] = path ? [path] : [];
  try {
    const message = walk(value, keys, new Set());
    return message === undefined ? undefined : { path: formatPath(keys), message };
  } catch (error) {
    return { path: formatPath(keys), message: `cannot be read (${describeThrown(error)})` };
  }
}

/** `a.b.c`, shortened in the middle when deep: the path is for a human, not for lookups. */
export function formatPath(keys: readonly string[]): string {
  if (keys.length <= 12) return keys.join('.');
  return `${keys.slice(0, 4).join('.')}.(${keys.length - 8} more).${keys.slice(-4).join('.')}`;
}

// Returns the problem's message, leaving `keys` at the offending value's path.
function walk(value: unknown, keys: string[], ancestors: Set<object>): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : `${value} is not a number`;
    case 'object':
      break;
    default:
      return `a ${typeof value} cannot be stored as JSON`;
  }
  if (value === null) return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : undefined;
  if (ancestors.size >= maxJsonDepth) return `nested deeper than ${maxJsonDepth} levels`;
  if (ancestors.has(value)) return 'contains a cycle';
  ancestors.add(value);
  const entries: Array<[string, unknown]> = Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : Object.entries(value);
  for (const [key, item] of entries) {
    keys.push(key);
    const problem = walk(item, keys, ancestors);
    if (problem !== undefined) return problem;
    keys.pop();
  }
  ancestors.delete(value);
  return undefined;
}

/** A thrown value as text, even when it is a proxy or an object without a prototype. */
export function describeThrown(error: unknown): string {
  try {
    if (error instanceof Error) return String(error.message);
    if (typeof error === 'object' && error !== null) return Object.prototype.toString.call(error);
    return String(error);
  } catch {
    return 'an unreadable error';
  }
}
