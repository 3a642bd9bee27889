import type { RailContext, RailVerdict } from '@guardloop/core';
import { z } from 'zod';
import {
  type CollectLimits,
  type CollectResult,
  collectTextSegments,
} from './collect-text-segments';
import { railVerdict } from './rail-verdict';
import type { TextSelector } from './select-text';
import type { ValueSelector } from './select-value';

/** How a rail picks and bounds what it scans; shared by `piiRail` and `brandSafetyRail`. */
export interface ValueScanOptions {
  /** The value to scan, walked recursively (every string in it). */
  selectValue?: ValueSelector;
  /** Scan one text instead of a value. */
  selectText?: TextSelector;
  /** Total characters scanned; above it the rail escalates. Default 100 000. */
  maxLength?: number;
  /** Nesting depth of the selected value; deeper escalates. Default 32. */
  maxDepth?: number;
  /** Values visited in the selected value; more escalates. Default 10 000. */
  maxValues?: number;
}

export const defaultMaxScanLength = 100_000;
export const defaultMaxScanDepth = 32;
export const defaultMaxScanValues = 10_000;

const functionSchema = z.custom<(context: RailContext) => unknown>(
  (value) => typeof value === 'function',
  'Expected a function',
);

/** Zod fields for `ValueScanOptions`, to spread into a rail's options schema. */
export const valueScanOptionsShape = {
  selectValue: functionSchema.optional(),
  selectText: functionSchema.optional(),
  maxLength: z.number().int().positive().default(defaultMaxScanLength),
  maxDepth: z.number().int().positive().default(defaultMaxScanDepth),
  maxValues: z.number().int().positive().default(defaultMaxScanValues),
};

/** Refinement for a schema built on `valueScanOptionsShape`: one selector at most. */
export const oneSelector: [
  (options: { selectValue?: unknown; selectText?: unknown }) => boolean,
  { message: string; path: string[] },
] = [
  (options) => !(options.selectValue && options.selectText),
  { message: 'Pass selectValue or selectText, not both', path: ['selectText'] },
];

/**
 * The strings a rail must judge in a context: those of `selectText`'s text, or of the value
 * `selectValue` (default `defaultSelect`) picks, walked by `collectTextSegments` within the
 * limits. `redactKey` keeps sensitive object keys out of the reported paths.
 */
export function createValueScan(
  // A text selector is a value selector whose value is one string.
  options: {
    selectValue?: ValueSelector | undefined;
    selectText?: ValueSelector | undefined;
  } & CollectLimits,
  defaultSelect: ValueSelector,
  redactKey?: (key: string) => string,
  /** Strings not to collect (see `collectTextSegments`). */
  skip?: (text: string, isKey: boolean) => boolean,
): (context: RailContext) => CollectResult {
  const { maxLength, maxDepth, maxValues } = options;
  const limits = { maxLength, maxDepth, maxValues };
  const select: ValueSelector = options.selectText ?? options.selectValue ?? defaultSelect;
  return (context) => {
    let value: unknown;
    try {
      value = select(context);
    } catch {
      return { ok: false, limit: 'unreadable', path: '' };
    }
    return collectTextSegments(value, limits, redactKey, skip);
  };
}

const limitNames: Record<keyof CollectLimits, string> = {
  maxLength: 'characters',
  maxDepth: 'levels of nesting',
  maxValues: 'values',
};

/** Escalates a value over a limit: judging only part of it could pass what was not read. */
export function limitExceededVerdict(
  exceeded: Extract<CollectResult, { ok: false }>,
  purpose: string,
): RailVerdict {
  if (exceeded.limit === 'unreadable') {
    const reason = `Cannot check ${purpose}: reading the value at '${exceeded.path}' threw; escalating rather than passing unread text.`;
    return railVerdict('escalate', reason, { limit: 'unreadable', path: exceeded.path });
  }
  const what = limitNames[exceeded.limit];
  const reason = `Too much to check ${purpose}: more than ${exceeded.max} ${what}; escalating rather than passing unscanned text.`;
  return railVerdict('escalate', reason, { limit: exceeded.limit, max: exceeded.max });
}

/**
 * Allows a scanned value with no findings. Keys alone (`attributes`, `draft` of a selected value
 * whose draft is absent) are no text: then `noText` is the reason, else `clean`.
 */
export function nothingFoundVerdict(
  collected: Extract<CollectResult, { ok: true }>,
  reasons: { clean: string; noText: string },
): RailVerdict {
  return railVerdict('allow', collected.anyText ? reasons.clean : reasons.noText);
}
