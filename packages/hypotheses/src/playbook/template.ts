import type { Signal } from '@guardloop/core';

const templatePattern = /\{\{\s*([^{}]*?)\s*\}\}/g;
const fieldPattern = /^[A-Za-z_$][\w$]*(\.[\w$-]+)*$/;
const wholeTemplate = /^\{\{\s*([^{}]*?)\s*\}\}$/;

/** The top-level signal fields a template may start from (see `signalSchema`). */
export const templateRoots: ReadonlySet<string> = new Set([
  'id',
  'source',
  'kind',
  'fingerprint',
  'payload',
  'occurredAt',
  'receivedAt',
  'traceId',
  'correlationId',
  'tenant',
]);

export interface TemplateIssue {
  /** Relative to the templated value, e.g. `input.accountId`. */
  path: string;
  message: string;
}

/** Load-time check of every template inside `value`: syntax, and a known signal field to start from. */
export function templateIssues(value: unknown, path: string): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  visitStrings(value, path, (text, at) => {
    for (const match of text.matchAll(templatePattern)) {
      const field = match[1] ?? '';
      if (!fieldPattern.test(field))
        issues.push({ path: at, message: `Malformed template field '{{${field}}}'` });
      else if (!templateRoots.has(field.split('.')[0] ?? ''))
        issues.push({
          path: at,
          message: `Template field '${field}' does not start from a signal field (${[...templateRoots].join(', ')})`,
        });
    }
  });
  return issues;
}

/** What `fillTemplate` reports for a field the signal lacks: the field and the template's path. */
export interface MissingField {
  field: string;
  path: string;
}

/**
 * Fills every template in `value` from `signal`. Returns the first missing field instead of
 * throwing, so that the caller can name the candidate in its error.
 */
export function fillTemplate(
  value: unknown,
  signal: Signal,
  path: string,
): { value: unknown } | { missing: MissingField } {
  let missing: MissingField | undefined;
  const filled = mapStrings(value, path, (text, at) => {
    if (missing) return text;
    const whole = wholeTemplate.exec(text);
    if (whole) {
      const found = lookup(signal, whole[1] ?? '');
      if (found === undefined) missing = { field: whole[1] ?? '', path: at };
      return found;
    }
    return text.replace(templatePattern, (_, field: string) => {
      const found = lookup(signal, field);
      if (!['string', 'number', 'boolean'].includes(typeof found)) {
        missing ??= { field, path: at };
        return '';
      }
      return String(found);
    });
  });
  return missing ? { missing } : { value: filled };
}

function lookup(signal: Signal, field: string): unknown {
  let current: unknown = signal;
  for (const segment of field.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    // Own properties only: a template must not reach `constructor` or `__proto__`.
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current === null ? undefined : current;
}

function visitStrings(value: unknown, path: string, visit: (text: string, path: string) => void) {
  mapStrings(value, path, (text, at) => {
    visit(text, at);
    return text;
  });
}

function mapStrings(
  value: unknown,
  path: string,
  map: (text: string, path: string) => unknown,
): unknown {
  if (typeof value === 'string') return map(value, path);
  if (Array.isArray(value))
    return value.map((item, index) => mapStrings(item, `${path}.${index}`, map));
  if (typeof value === 'object' && value !== null) {
    // fromEntries defines own properties: a `__proto__` key from JSON stays a plain key.
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) => [name, mapStrings(item, `${path}.${name}`, map)]),
    );
  }
  return value;
}
