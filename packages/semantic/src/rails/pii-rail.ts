import { parseInput, type Rail, type RailContext, throwIfAborted } from '@guardloop/core';
import { z } from 'zod';
import { defaultMaxPiiTextLength } from '../pii/detect-pii';
import { type PiiFinding, type PiiKind, piiKinds } from '../pii/pii-kinds';
import { replaceFindings } from '../pii/redact-pii';
import { scanPii } from '../pii/scan-pii';
import { type CollectLimits, collectTextSegments } from './collect-text-segments';
import { railVerdict } from './rail-verdict';
import type { TextSelector } from './select-text';

/** Picks the value a rail should scan: any JSON-like value, walked recursively. */
export type ValueSelector = (context: RailContext) => unknown;

/**
 * The signal's whole payload, the draft in `attributes.draft` and the action's whole input:
 * every string in them, including recipients, subjects and nested fields.
 */
export const selectPiiValue: ValueSelector = (context) => ({
  signal: { payload: context.signal?.payload },
  attributes: { draft: context.attributes?.draft },
  action: { input: context.action?.input },
});

export interface PiiRailOptions {
  /** Default: all (`email`, `phone`, `card`, `iban`). */
  kinds?: readonly PiiKind[];
  /** Verdict when personal data is found. Default `escalate`. */
  onDetected?: 'allow' | 'escalate' | 'deny';
  /** Put the redacted text in the evidence (`evidence.redactedText`). Default true. */
  redact?: boolean;
  /** The value to scan, walked recursively. Default `selectPiiValue`. */
  selectValue?: ValueSelector;
  /** Scan one text instead of a value (the former default was `selectAllText`). */
  selectText?: TextSelector;
  /** Total characters scanned; above it the rail escalates. Default 100 000. */
  maxLength?: number;
  /** Nesting depth of the selected value; deeper escalates. Default 32. */
  maxDepth?: number;
  /** Values visited in the selected value; more escalates. Default 10 000. */
  maxValues?: number;
  name?: string;
}

const functionSchema = z.custom<(context: RailContext) => unknown>(
  (value) => typeof value === 'function',
  'Expected a function',
);
const optionsSchema = z
  .object({
    kinds: z
      .array(z.enum(piiKinds))
      .min(1)
      .default([...piiKinds]),
    onDetected: z.enum(['allow', 'escalate', 'deny']).default('escalate'),
    redact: z.boolean().default(true),
    selectValue: functionSchema.optional(),
    selectText: functionSchema.optional(),
    maxLength: z.number().int().positive().default(defaultMaxPiiTextLength),
    maxDepth: z.number().int().positive().default(32),
    maxValues: z.number().int().positive().default(10_000),
    name: z.string().min(1).default('pii'),
  })
  .refine((options) => !(options.selectValue && options.selectText), {
    message: 'Pass selectValue or selectText, not both',
    path: ['selectText'],
  });

const limitNames: Record<keyof CollectLimits, string> = {
  maxLength: 'characters',
  maxDepth: 'levels of nesting',
  maxValues: 'values',
};

/**
 * Finds personal data (e-mail, phone, Luhn-valid card numbers, mod-97-valid IBANs) in every
 * string of the selected value before it reaches a model or a customer: by default the signal's
 * payload, `attributes.draft` and the action's input, recursively (see `selectPiiValue`). The
 * evidence lists kinds, paths and positions (within the string at `path`) but never the values,
 * so decision logs stay clean; with `onDetected: 'allow'` the rail only reports, and
 * `evidence.redactedText` (the strings, redacted, one per line) is the text to send instead.
 * Fails closed: a value over `maxLength` characters, `maxDepth` levels or `maxValues` values
 * escalates, since part of it would go unscanned.
 * @throws InvalidInputError (`invalid_input`) for malformed options.
 */
export function piiRail(options: PiiRailOptions = {}): Rail {
  const { kinds, onDetected, redact, name, maxLength, maxDepth, maxValues } = parseInput(
    optionsSchema,
    options,
    'PII rail options',
  );
  const limits = { maxLength, maxDepth, maxValues };
  const select: ValueSelector = options.selectText ?? options.selectValue ?? selectPiiValue;
  const redactKey = (key: string) => replaceFindings(key, scanPii(key, kinds));
  return {
    name,
    kind: 'deterministic',
    async evaluate(context, { signal }) {
      throwIfAborted(signal);
      const collected = collectTextSegments(select(context), limits, redactKey);
      if (!collected.ok) {
        const what = limitNames[collected.limit];
        const reason = `Too much to check for personal data: more than ${collected.max} ${what}; escalating rather than passing unscanned text.`;
        return railVerdict('escalate', reason, {
          limit: collected.limit,
          max: collected.max,
        });
      }
      if (collected.segments.length === 0) {
        return railVerdict('allow', 'No text to check for personal data.');
      }
      const findings: Array<Pick<PiiFinding, 'kind' | 'start' | 'end'> & { path?: string }> = [];
      const redactedParts: string[] = [];
      for (const segment of collected.segments) {
        const found = scanPii(segment.text, kinds);
        for (const { kind, start, end } of found) {
          findings.push(
            segment.path === '' ? { kind, start, end } : { kind, path: segment.path, start, end },
          );
        }
        if (redact && !segment.isKey) redactedParts.push(replaceFindings(segment.text, found));
      }
      if (findings.length === 0) return railVerdict('allow', 'No personal data found.');
      const found = [...new Set(findings.map((finding) => finding.kind))].join(', ');
      const evidence = {
        findings,
        ...(redact ? { redactedText: redactedParts.join('\n') } : {}),
      };
      return railVerdict(onDetected, `Personal data found: ${found}.`, evidence);
    },
  };
}
