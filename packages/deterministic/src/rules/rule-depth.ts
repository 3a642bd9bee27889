import type { InputIssue } from '@guardloop/core';

/**
 * Deepest json-logic nesting a rule may use. Real policy conditions are a handful of levels
 * deep; the cap keeps validation, compilation and evaluation (all recursive) far from the
 * call-stack limit, so a hostile or generated rule is refused with a typed error instead.
 */
export const maxRuleDepth = 100;

/**
 * Where `when` nests deeper than `maxRuleDepth` or loops back on itself, or undefined.
 * Walks at most `maxRuleDepth` levels, so it cannot overflow the stack itself.
 */
export function findRuleDepthProblem(when: unknown, path: string): InputIssue | undefined {
  const keys: string[] = [path];
  const ancestors = new Set<object>();
  const walk = (value: unknown): string | undefined => {
    if (typeof value !== 'object' || value === null) return undefined;
    if (ancestors.has(value)) return 'contains a cycle';
    if (ancestors.size >= maxRuleDepth) {
      return `nested deeper than ${maxRuleDepth} levels; split the condition into several rules`;
    }
    ancestors.add(value);
    for (const [key, item] of Object.entries(value)) {
      keys.push(key);
      const problem = walk(item);
      if (problem !== undefined) return problem;
      keys.pop();
    }
    ancestors.delete(value);
    return undefined;
  };
  try {
    const message = walk(when);
    return message === undefined ? undefined : { path: shorten(keys), message };
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unreadable';
    return { path: shorten(keys), message: `cannot be read (${reason})` };
  }
}

function shorten(keys: readonly string[]): string {
  if (keys.length <= 12) return keys.join('.');
  return `${keys.slice(0, 4).join('.')}.(${keys.length - 8} more).${keys.slice(-4).join('.')}`;
}
