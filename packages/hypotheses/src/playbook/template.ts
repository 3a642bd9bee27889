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

/** A template compiled once: filling it does no parsing, only lookups and concatenation. */
export type CompiledTemplate = (signal: Signal) => { value: unknown } | { missing: MissingField };

type Filler = (signal: Signal, missing: { found?: MissingField }) => unknown;

/**
 * Compiles every template in `value` (already checked by `templateIssues`) into a function
 * that fills them from a signal. It reports the first missing field instead of throwing, so
 * that the caller can name the candidate in its error.
 */
export function compileTemplate(value: unknown, path: string): CompiledTemplate {
  const fill = compile(value, path);
  return (signal) => {
    const missing: { found?: MissingField } = {};
    const filled = fill(signal, missing);
    return missing.found ? { missing: missing.found } : { value: filled };
  };
}

/** Fills every template in `value` from `signal` (compiles it first: prefer `compileTemplate`). */
export function fillTemplate(
  value: unknown,
  signal: Signal,
  path: string,
): { value: unknown } | { missing: MissingField } {
  return compileTemplate(value, path)(signal);
}

function compile(value: unknown, path: string): Filler {
  if (typeof value === 'string') return compileString(value, path);
  if (Array.isArray(value)) {
    const items = value.map((item, index) => compile(item, `${path}.${index}`));
    return (signal, missing) => items.map((item) => item(signal, missing));
  }
  if (typeof value === 'object' && value !== null) {
    const fields = Object.entries(value).map(
      ([name, item]) => [name, compile(item, `${path}.${name}`)] as const,
    );
    // fromEntries defines own properties: a `__proto__` key from JSON stays a plain key.
    return (signal, missing) =>
      Object.fromEntries(fields.map(([name, item]) => [name, item(signal, missing)]));
  }
  return () => value;
}

function compileString(text: string, path: string): Filler {
  const whole = wholeTemplate.exec(text);
  if (whole) {
    const field = whole[1] ?? '';
    const segments = field.split('.');
    return (signal, missing) => {
      const found = lookup(signal, segments);
      if (found === undefined) missing.found ??= { field, path };
      return found;
    };
  }
  // Literal text and fields, alternating: [text, field, text, field, ..., text].
  const parts = text.split(templatePattern);
  if (parts.length === 1) return () => text;
  const fields = parts.map((part, index) => (index % 2 === 1 ? part.split('.') : undefined));
  return (signal, missing) => {
    let result = '';
    for (let index = 0; index < parts.length; index++) {
      const segments = fields[index];
      if (!segments) {
        result += parts[index];
        continue;
      }
      const found = lookup(signal, segments);
      if (typeof found !== 'string' && typeof found !== 'number' && typeof found !== 'boolean') {
        missing.found ??= { field: parts[index] ?? '', path };
        continue;
      }
      result += String(found);
    }
    return result;
  };
}

function lookup(signal: Signal, segments: readonly string[]): unknown {
  let current: unknown = signal;
  for (const segment of segments) {
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
