import {
  type Intent,
  parseInput,
  type Rail,
  type RailContext,
  type RailEvaluateOptions,
  type RailVerdict,
} from '@guardloop/core';
import { evaluateWith, throwIfAborted, timeoutMsSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import type { Classifier } from '../classifier/classifier';
import { UnknownLabelError } from '../errors/unknown-label-error';
import { railVerdict as verdict } from './rail-verdict';
import { selectSignalText, type TextSelector } from './select-text';

export interface IntentRailOptions {
  /** Intents the AI may handle on its own. */
  allowed: readonly string[];
  /** Classifies the selected text when the context carries no `intent`. */
  classifier?: Classifier;
  /** Minimum confidence to act. Default: the classifier's floor, else 0.5. */
  floor?: number;
  /** Verdict for a confident but not allowed intent. Default `escalate`. */
  onDisallowed?: 'escalate' | 'deny';
  /**
   * When the classification says `calibrated: false` (a floor never fitted on out-of-scope
   * data): `warn` (default) keeps the verdict and adds `warnings: ['uncalibrated_classifier']`
   * to its evidence; `escalate` also turns an allow into an escalation.
   */
  onUncalibrated?: 'warn' | 'escalate';
  /** Default: the signal's subject and body (`selectSignalText`). */
  selectText?: TextSelector;
  name?: string;
  timeoutMs?: number;
}

const optionsSchema = z.object({
  allowed: z.array(z.string().min(1)).min(1),
  classifier: z
    .custom<Classifier>(
      (value) => typeof (value as Classifier | undefined)?.classify === 'function',
      'Expected a Classifier',
    )
    .optional(),
  floor: z.number().min(0).max(1).optional(),
  onDisallowed: z.enum(['escalate', 'deny']).default('escalate'),
  onUncalibrated: z.enum(['warn', 'escalate']).default('warn'),
  selectText: z.custom<TextSelector>((value) => typeof value === 'function').optional(),
  name: z.string().min(1).default('intent'),
  timeoutMs: timeoutMsSchema.int().optional(),
});

/**
 * Lets the AI act alone only on allowed intents it is sure about: unsure (abstained or below
 * the floor) escalates, a disallowed intent escalates or denies. Uses `context.intent` when
 * present, else classifies the selected text. Classifier errors escalate with their code.
 * @throws InvalidInputError (`invalid_input`) for malformed options; UnknownLabelError
 * (`unknown_label`) when an allowed intent is not one of the classifier's labels.
 */
export function intentRail(options: IntentRailOptions): Rail {
  const parsed = parseInput(optionsSchema, options, 'intent rail options');
  const { allowed, classifier, onDisallowed, onUncalibrated, name } = parsed;
  for (const label of allowed) {
    if (classifier && !classifier.labels.includes(label)) {
      throw new UnknownLabelError({ label, labels: classifier.labels });
    }
  }
  const selectText = options.selectText ?? selectSignalText;
  const floor = parsed.floor ?? classifier?.floor ?? 0.5;
  return {
    name,
    kind: 'semantic',
    ...(parsed.timeoutMs === undefined ? {} : { timeoutMs: parsed.timeoutMs }),
    // With the loop's intent in the context nothing waits: the engine takes the verdict as it
    // is (see `evaluateWith`). Only classifying is asynchronous.
    evaluate: evaluateWith((context, options) => {
      const intent = context.intent;
      return intent ? judge(intent, 'context') : classifyThenJudge(context, options);
    }),
  };

  async function classifyThenJudge(
    context: RailContext,
    options: RailEvaluateOptions,
  ): Promise<RailVerdict> {
    const text = selectText(context);
    if (!classifier) return verdict('escalate', 'No intent in context and no classifier.');
    if (text === undefined) return verdict('escalate', 'No text to classify the intent of.');
    // Read only when classifying: under the engine, reading it creates the rail's signal.
    const { abortSignal } = options;
    let intent: Intent;
    try {
      intent = await classifier.classify(text, { abortSignal });
    } catch (error) {
      throwIfAborted(abortSignal);
      const { code = 'unknown_error', reason } = error as { code?: unknown; reason?: unknown };
      // The failure's reason (a model's `rate_limited`, `timeout`...) tells a reviewer why.
      const detail = typeof reason === 'string' ? `: ${reason}` : '';
      return verdict('escalate', `Intent classifier failed (${String(code)}${detail}).`, {
        error: { code: String(code), ...(typeof reason === 'string' ? { reason } : {}) },
      });
    }
    return judge(intent, 'classifier');
  }

  function judge(intent: Intent, source: 'context' | 'classifier'): RailVerdict {
    const { label, confidence, abstained } = intent;
    const { calibrated } = intent as { calibrated?: unknown };
    const evidence = {
      label,
      confidence,
      abstained,
      floor,
      source,
      ...(typeof calibrated === 'boolean' ? { calibrated } : {}),
      ...(calibrated === false ? { warnings: ['uncalibrated_classifier'] } : {}),
    };
    if (abstained || confidence < floor) {
      const reason = `Unsure of the intent: best guess '${label}' at ${confidence.toFixed(2)}, floor ${floor}.`;
      return verdict('escalate', reason, evidence, confidence);
    }
    if (allowed.includes(label) && calibrated === false && onUncalibrated === 'escalate') {
      const reason = `Intent '${label}' comes from a classifier whose floor was never calibrated.`;
      return verdict('escalate', reason, evidence, confidence);
    }
    if (allowed.includes(label)) {
      return verdict(
        'allow',
        `Intent '${label}' may be handled autonomously.`,
        evidence,
        confidence,
      );
    }
    const reason = `Intent '${label}' is not allowed for autonomous handling.`;
    return verdict(onDisallowed, reason, evidence, confidence);
  }
}
