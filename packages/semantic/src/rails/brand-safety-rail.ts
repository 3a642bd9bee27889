import {
  parseInput,
  type Rail,
  type RailContext,
  type RailEvaluateOptions,
  type RailVerdict,
} from '@guardloop/core';
import { evaluateWith, throwIfRailAborted } from '@guardloop/core/internal';
import { z } from 'zod';
import {
  type BrandSafetyFinding,
  type CheckBrandSafetyOptions,
  createBrandSafetyCheck,
} from '../brand-safety/check-brand-safety';
import { maxSpacedRunGap } from '../brand-safety/find-spaced-runs';
import { createCleanTextMemory } from './clean-text-memory';
import type { TextSegment } from './collect-text-segments';
import { railVerdict } from './rail-verdict';
import { selectOutgoingValue } from './select-value';
import {
  createValueScan,
  limitExceededVerdict,
  nothingFoundVerdict,
  oneSelector,
  type ValueScanOptions,
  valueScanOptionsShape,
} from './value-scan';

export interface BrandSafetyRailOptions extends CheckBrandSafetyOptions, ValueScanOptions {
  // `selectValue` defaults to `selectOutgoingValue` (the draft and the action's whole input);
  // `selectText` checks one text instead (the former default was `selectDraftText`).
  name?: string;
}

const optionsSchema = z
  .looseObject({ ...valueScanOptionsShape, name: z.string().min(1).default('brand-safety') })
  .refine(...oneSelector);

/**
 * Checks what goes out for profanity, abuse and unsafe commitments (see `checkBrandSafety`):
 * every string of `attributes.draft` and of the action's input, recursively (see
 * `selectOutgoingValue`), so a clean `reply` cannot carry a profane `body` or `subject`.
 * Denies when any finding says deny, escalates when any says escalate, allows a clean or
 * absent draft. Evidence lists the findings with their `path` and positions in that string.
 * Fails closed: a value over `maxLength` characters, `maxDepth` levels or `maxValues` values
 * escalates, since part of it would go unchecked. Strings found clean (a macro's reply, keys) are
 * remembered, bounded, and not checked again by the same rail.
 * @throws InvalidInputError (`invalid_input`) for malformed options.
 */
export function brandSafetyRail(options: BrandSafetyRailOptions = {}): Rail {
  const parsed = parseInput(optionsSchema, options, 'brand safety rail options');
  const { profanity, profanityVerdict, patterns } = options;
  // Validates the check options once, at construction, rather than on every evaluation.
  const check = createBrandSafetyCheck({
    ...(profanity === undefined ? {} : { profanity }),
    ...(profanityVerdict === undefined ? {} : { profanityVerdict }),
    ...(patterns === undefined ? {} : { patterns }),
  });
  // What goes out repeats: keys (`action`, `input`, `channel`...) and values (a macro's reply,
  // `email`). A string's findings depend on it alone (`checkSegments`), so one found clean is not
  // checked again. Remembered only when the whole check found nothing, so a string is never
  // remembered from a check whose findings could have been its own.
  const cleanTexts = createCleanTextMemory({ maxLength: maxRememberedLength });
  // Strings found clean before get no segment: the walk passes over them.
  const scan = createValueScan(parsed, selectOutgoingValue, undefined, cleanTexts.has);
  return {
    name: parsed.name,
    kind: 'deterministic',
    // Nothing here waits: the engine takes the verdict as it is (see `evaluateWith`).
    evaluate: evaluateWith(judge),
  };

  function judge(context: RailContext, options: RailEvaluateOptions): RailVerdict {
    throwIfRailAborted(options);
    const collected = scan(context);
    if (!collected.ok) return limitExceededVerdict(collected, 'for brand safety');
    // Only the strings not found clean before (`skip`).
    const unchecked = collected.segments;
    const findings = checkSegments(check, unchecked);
    if (findings.length === 0) {
      for (const segment of unchecked) cleanTexts.remember(segment.text);
      return nothingFoundVerdict(collected, {
        clean: 'The draft is brand-safe.',
        noText: 'No outgoing draft to check.',
      });
    }
    const reasons = [...new Set(findings.map((finding) => finding.reason))].join(' ');
    const kind = findings.some((finding) => finding.verdict === 'deny') ? 'deny' : 'escalate';
    return railVerdict(kind, reasons, { findings });
  }
}

// A draft of a few paragraphs; longer texts are checked every time.
const maxRememberedLength = 4096;

type PathFinding = BrandSafetyFinding & { path?: string };

const withPath = (finding: BrandSafetyFinding, segment: TextSegment): PathFinding =>
  segment.path === '' ? finding : { ...finding, path: segment.path };

// Between joined segments: more line breaks than a spaced-out word has between its letters
// (`findSpacedRuns`), so a one-letter key or value is never read as part of a word spelled out
// in the next string (`a`, `s h i t` read as `ashit` hid the word).
const separator = '\n'.repeat(maxSpacedRunGap + 1);

/**
 * The findings of every segment, from one check of all of them joined by line breaks: the check's
 * cost is partly per call (folding, the profanity pass, each unsafe pattern's scan), so a draft
 * and an action input of ten strings cost one call, not ten. A finding that straddles two
 * segments is an artefact of the joining and could hide a real one next to it: then each segment
 * is checked on its own, as before.
 */
function checkSegments(
  check: (text: string) => BrandSafetyFinding[],
  segments: readonly TextSegment[],
): PathFinding[] {
  if (segments.length === 0) return [];
  if (segments.length === 1) {
    const [only] = segments as [TextSegment];
    return check(only.text).map((finding) => withPath(finding, only));
  }
  const starts: number[] = [];
  let offset = 0;
  for (const segment of segments) {
    starts.push(offset);
    offset += segment.text.length + separator.length;
  }
  const joined = check(segments.map((segment) => segment.text).join(separator));
  const findings: PathFinding[] = [];
  let index = 0;
  for (const finding of joined) {
    // Findings come sorted by position: the segment index only moves forward.
    while (index + 1 < segments.length && (starts[index + 1] as number) <= finding.start) index++;
    const segment = segments[index] as TextSegment;
    const start = starts[index] as number;
    if (finding.end > start + segment.text.length) {
      return segments.flatMap((each) => check(each.text).map((found) => withPath(found, each)));
    }
    findings.push(
      withPath({ ...finding, start: finding.start - start, end: finding.end - start }, segment),
    );
  }
  return findings;
}
