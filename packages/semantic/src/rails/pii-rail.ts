import { parseInput, type Rail } from '@guardloop/core';
import { z } from 'zod';
import { detectPii } from '../pii/detect-pii';
import { type PiiKind, piiKinds } from '../pii/pii-kinds';
import { redactPii } from '../pii/redact-pii';
import { railVerdict } from './rail-verdict';
import { selectAllText, type TextSelector } from './select-text';

export interface PiiRailOptions {
  /** Default: all (`email`, `phone`, `card`, `iban`). */
  kinds?: readonly PiiKind[];
  /** Verdict when personal data is found. Default `escalate`. */
  onDetected?: 'allow' | 'escalate' | 'deny';
  /** Put the redacted text in the evidence (`evidence.redactedText`). Default true. */
  redact?: boolean;
  /** Default: the signal's text and the outgoing draft (`selectAllText`). */
  selectText?: TextSelector;
  name?: string;
}

const optionsSchema = z.object({
  kinds: z
    .array(z.enum(piiKinds))
    .min(1)
    .default([...piiKinds]),
  onDetected: z.enum(['allow', 'escalate', 'deny']).default('escalate'),
  redact: z.boolean().default(true),
  selectText: z.custom<TextSelector>((value) => typeof value === 'function').optional(),
  name: z.string().min(1).default('pii'),
});

/**
 * Finds personal data (e-mail, phone, Luhn-valid card numbers, mod-97-valid IBANs) in the
 * selected text before it reaches a model or a customer. The evidence lists kinds and positions
 * but never the values, so decision logs stay clean; with `onDetected: 'allow'` the rail only
 * reports, and `evidence.redactedText` is the text to send instead.
 * @throws InvalidInputError (`invalid_input`) for malformed options.
 */
export function piiRail(options: PiiRailOptions = {}): Rail {
  const { kinds, onDetected, redact, name } = parseInput(
    optionsSchema,
    options,
    'PII rail options',
  );
  const selectText = options.selectText ?? selectAllText;
  return {
    name,
    kind: 'deterministic',
    async evaluate(context) {
      const text = selectText(context);
      if (text === undefined) return railVerdict('allow', 'No text to check for personal data.');
      const findings = detectPii(text, { kinds });
      if (findings.length === 0) return railVerdict('allow', 'No personal data found.');
      const found = [...new Set(findings.map((finding) => finding.kind))].join(', ');
      const evidence = {
        findings: findings.map(({ kind, start, end }) => ({ kind, start, end })),
        ...(redact ? { redactedText: redactPii(text, { kinds }) } : {}),
      };
      return railVerdict(onDetected, `Personal data found: ${found}.`, evidence);
    },
  };
}
