import { canonicalJson } from '@guardloop/undo-log';
import type { InputChange } from './inbox-item';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What an edit changed, leaf by leaf, for the history: objects are compared key by key,
 * anything else (arrays included) as a whole. Values are JSON (as stored).
 */
export function diffInput(before: unknown, after: unknown, path: string[] = []): InputChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => {
      const next = [...path, key];
      if (!(key in after) || after[key] === undefined) return [{ path: next, before: before[key] }];
      if (!(key in before) || before[key] === undefined) return [{ path: next, after: after[key] }];
      return diffInput(before[key], after[key], next);
    });
  }
  return canonicalJson(before) === canonicalJson(after) ? [] : [{ path, before, after }];
}
