import { parseInput } from '@guardloop/core';
import { canonicalJson } from '@guardloop/core/internal';
import { storableJsonSchema } from '@guardloop/undo-log/internal';
import type { InputChange } from './inbox-item';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What an edit changed, leaf by leaf, for the history: objects are compared key by key,
 * anything else (arrays included) as a whole.
 * @throws InvalidInputError when either value is not storable JSON (a cycle, a bigint...)
 */
export function diffInput(before: unknown, after: unknown): InputChange[] {
  parseInput(storableJsonSchema, before, 'input before the edit');
  parseInput(storableJsonSchema, after, 'edited input');
  return diffJson(before, after, []);
}

function diffJson(before: unknown, after: unknown, path: string[]): InputChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => {
      const next = [...path, key];
      if (!(key in after) || after[key] === undefined) return [{ path: next, before: before[key] }];
      if (!(key in before) || before[key] === undefined) return [{ path: next, after: after[key] }];
      return diffJson(before[key], after[key], next);
    });
  }
  return canonicalJson(before) === canonicalJson(after) ? [] : [{ path, before, after }];
}
