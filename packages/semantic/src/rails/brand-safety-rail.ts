import { parseInput, type Rail } from '@guardloop/core';
import { z } from 'zod';
import { type CheckBrandSafetyOptions, checkBrandSafety } from '../brand-safety/check-brand-safety';
import { railVerdict } from './rail-verdict';
import { selectDraftText, type TextSelector } from './select-text';

export interface BrandSafetyRailOptions extends CheckBrandSafetyOptions {
  /** Default: the outgoing draft (`attributes.draft`, see `selectDraftText`). */
  selectText?: TextSelector;
  name?: string;
}

const optionsSchema = z.looseObject({
  selectText: z.custom<TextSelector>((value) => typeof value === 'function').optional(),
  name: z.string().min(1).default('brand-safety'),
});

/**
 * Checks outgoing drafts for profanity, abuse and unsafe commitments (see `checkBrandSafety`).
 * Denies when any finding says deny, escalates when any says escalate, allows a clean or
 * absent draft. Evidence lists the findings with their positions.
 * @throws InvalidInputError (`invalid_input`) for malformed options.
 */
export function brandSafetyRail(options: BrandSafetyRailOptions = {}): Rail {
  const { name } = parseInput(optionsSchema, options, 'brand safety rail options');
  const { selectText = selectDraftText, name: _name, ...checkOptions } = options;
  // Validates the check options once, at construction, rather than on every evaluation.
  checkBrandSafety('', checkOptions);
  return {
    name,
    kind: 'deterministic',
    async evaluate(context) {
      const text = selectText(context);
      if (text === undefined) return railVerdict('allow', 'No outgoing draft to check.');
      const findings = checkBrandSafety(text, checkOptions);
      if (findings.length === 0) return railVerdict('allow', 'The draft is brand-safe.');
      const reasons = [...new Set(findings.map((finding) => finding.reason))].join(' ');
      const kind = findings.some((finding) => finding.verdict === 'deny') ? 'deny' : 'escalate';
      return railVerdict(kind, reasons, { findings });
    },
  };
}
