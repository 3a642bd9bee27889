/**
 * json-logic's `var` as json-logic-js evaluates it: a dotted path into the data, the whole data
 * for an empty path, `fallback` (else null) when any step is missing. Used when the path is only
 * known at evaluation time; literal paths are prepared at load time instead.
 */
export function lookupVariable(data: unknown, path: unknown, fallback?: unknown): unknown {
  if (path === undefined || path === '' || path === null) return data;
  const notFound = fallback === undefined ? null : fallback;
  let current = data;
  for (const segment of String(path).split('.')) {
    if (current === null || current === undefined) return notFound;
    current = (current as Record<string, unknown>)[segment];
    if (current === undefined) return notFound;
  }
  return current;
}

/** json-logic's `missing`: the keys whose value is null, absent or the empty string. */
export function findMissing(data: unknown, values: readonly unknown[]): unknown[] {
  const keys: readonly unknown[] = Array.isArray(values[0]) ? values[0] : values;
  const missing: unknown[] = [];
  for (const key of keys) {
    const value = Array.isArray(key)
      ? lookupVariable(data, key[0], key[1])
      : lookupVariable(data, key);
    if (value === null || value === '') missing.push(key);
  }
  return missing;
}

/** json-logic's `missing_some`: nothing when at least `needed` keys are present, else the missing ones. */
export function findMissingSome(data: unknown, needed: unknown, options: unknown): unknown[] {
  const missing = findMissing(data, Array.isArray(options) ? options : [options]);
  // Reading `.length` of null throws, exactly as json-logic-js does.
  const offered = (options as { length: number }).length;
  return offered - missing.length >= (needed as number) ? [] : missing;
}
