import {
  parseInput,
  type Rail,
  type RailContext,
  type RailEvaluateOptions,
  type RailVerdict,
} from '@guardloop/core';
import { evaluateWith, throwIfRailAborted } from '@guardloop/core/internal';
import { z } from 'zod';
import { defaultMaxPiiTextLength } from '../pii/detect-pii';
import { type PiiFinding, type PiiKind, piiKinds } from '../pii/pii-kinds';
import { replaceFindings } from '../pii/redact-pii';
import { scanPii } from '../pii/scan-pii';
import { createCleanTextMemory } from './clean-text-memory';
import type { TextSegment } from './collect-text-segments';
import { railVerdict } from './rail-verdict';
import { selectPiiValue } from './select-value';
import {
  createValueScan,
  limitExceededVerdict,
  nothingFoundVerdict,
  oneSelector,
  type ValueScanOptions,
  valueScanOptionsShape,
} from './value-scan';

export interface PiiRailOptions extends ValueScanOptions {
  /** Default: all (`email`, `phone`, `card`, `iban`). */
  kinds?: readonly PiiKind[];
  /** Verdict when personal data is found. Default `escalate`. */
  onDetected?: 'allow' | 'escalate' | 'deny';
  /** Put the redacted text in the evidence (`evidence.redactedText`). Default true. */
  redact?: boolean;
  // `selectValue` defaults to `selectPiiValue`; `selectText` scans one text instead (the former
  // default was `selectAllText`).
  name?: string;
}

const optionsSchema = z
  .object({
    ...valueScanOptionsShape,
    kinds: z
      .array(z.enum(piiKinds))
      .min(1)
      .default([...piiKinds]),
    onDetected: z.enum(['allow', 'escalate', 'deny']).default('escalate'),
    redact: z.boolean().default(true),
    maxLength: z.number().int().positive().default(defaultMaxPiiTextLength),
    name: z.string().min(1).default('pii'),
  })
  .refine(...oneSelector);

const noFindings: readonly PiiFinding[] = Object.freeze([]);
// Keys are short; a longer one is scanned every time.
const maxRememberedKeyLength = 64;

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
  const parsed = parseInput(optionsSchema, options, 'PII rail options');
  const { kinds, onDetected, redact, name } = parsed;
  // Each key's findings within one evaluation: the key is scanned once, as a segment, and its
  // path (built for a finding below it) is redacted from the same findings. Filled and read
  // within one synchronous evaluation, so concurrent evaluations cannot see each other's keys.
  const keyFindings = new Map<string, readonly PiiFinding[]>();
  // Keys with findings are never kept beyond one evaluation.
  const cleanKeys = createCleanTextMemory({ maxLength: maxRememberedKeyLength });
  const scanKey = (key: string): readonly PiiFinding[] => {
    if (cleanKeys.has(key)) return noFindings;
    let found = keyFindings.get(key);
    if (found === undefined) {
      found = scanPii(key, kinds);
      keyFindings.set(key, found);
      if (found.length === 0) cleanKeys.remember(key);
    }
    return found;
  };
  const redactKey = (key: string) => {
    const found = scanKey(key);
    return found.length === 0 ? key : replaceFindings(key, found);
  };
  // Keys found clean before get no segment: the walk passes over them.
  const scan = createValueScan(
    parsed,
    selectPiiValue,
    redactKey,
    (text, isKey) => isKey && cleanKeys.has(text),
  );
  return {
    name,
    kind: 'deterministic',
    // Nothing here waits: the engine takes the verdict as it is (see `evaluateWith`).
    evaluate: evaluateWith(judge),
  };

  function judge(context: RailContext, options: RailEvaluateOptions): RailVerdict {
    throwIfRailAborted(options);
    keyFindings.clear();
    const collected = scan(context);
    if (!collected.ok) return limitExceededVerdict(collected, 'for personal data');
    const { segments } = collected;
    let findings: Array<Pick<PiiFinding, 'kind' | 'start' | 'end'> & { path?: string }> | undefined;
    // Each string's findings, by its index, kept for redaction: each string is scanned once, and
    // redacted only when something was found. A clean payload (most) allocates neither list.
    let foundBySegment: (readonly PiiFinding[])[] | undefined;
    for (let index = 0; index < segments.length; index++) {
      const segment = segments[index] as TextSegment;
      const found = segment.isKey ? scanKey(segment.text) : scanPii(segment.text, kinds);
      if (found.length === 0) continue;
      foundBySegment ??= [];
      foundBySegment[index] = found;
      findings ??= [];
      for (const { kind, start, end } of found) {
        findings.push(
          segment.path === '' ? { kind, start, end } : { kind, path: segment.path, start, end },
        );
      }
    }
    keyFindings.clear();
    if (findings === undefined) {
      return nothingFoundVerdict(collected, {
        clean: 'No personal data found.',
        noText: 'No text to check for personal data.',
      });
    }
    const found = [...new Set(findings.map((finding) => finding.kind))].join(', ');
    const evidence: { findings: typeof findings; redactedText?: string } = { findings };
    if (redact) {
      const redactedParts: string[] = [];
      segments.forEach((segment, index) => {
        if (!segment.isKey) {
          redactedParts.push(replaceFindings(segment.text, foundBySegment?.[index] ?? noFindings));
        }
      });
      evidence.redactedText = redactedParts.join('\n');
    }
    return railVerdict(onDetected, `Personal data found: ${found}.`, evidence);
  }
}
