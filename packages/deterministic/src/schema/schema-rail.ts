import {
  escalate,
  parseInput,
  type Rail,
  type RailContext,
  type RailVerdict,
} from '@guardloop/core';
import { describeThrown, summarizeIssues, toInputIssues } from '@guardloop/core/internal';
import { z } from 'zod';

/** Picks the value to validate out of the context; `undefined` means "nothing to validate". */
export type SchemaTargetSelector = (context: RailContext) => unknown;

export interface SchemaRailOptions {
  /** Rail name, unique among the rails of one decision. Default `schema`. */
  name?: string;
  /** What to validate: the action request (default), the signal, or a value picked by a function. */
  target?: 'action' | 'signal' | SchemaTargetSelector;
  /** How reasons name the target, e.g. `refund input`. Defaults to the action or signal it is. */
  label?: string;
}

const optionsSchema = z.object({
  schema: z.custom<z.ZodType>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as { safeParse?: unknown }).safeParse === 'function',
    'expected a zod schema',
  ),
  name: z.string().min(1).optional(),
  target: z
    .union([
      z.enum(['action', 'signal']),
      z.custom<SchemaTargetSelector>((value) => typeof value === 'function', 'expected a function'),
    ])
    .optional(),
  label: z.string().min(1).optional(),
});

/**
 * A deterministic rail that validates the action request (or the signal, or any selected value)
 * with a zod schema. A mismatch is a deny carrying the zod issues as evidence; a missing target
 * is an escalation. Never throws at evaluation time. @throws InvalidInputError on bad arguments.
 */
export function schemaRail(schema: z.ZodType, options: SchemaRailOptions = {}): Rail {
  const parsed = parseInput(optionsSchema, { ...options, schema }, 'schemaRail options');
  const target = parsed.target ?? 'action';
  const select: SchemaTargetSelector =
    target === 'action'
      ? (context) => context?.action ?? undefined
      : target === 'signal'
        ? (context) => context?.signal ?? undefined
        : target;

  const describe = (context: RailContext): string => {
    if (parsed.label !== undefined) return parsed.label;
    if (target === 'action') return `action request '${String(context.action?.name)}'`;
    if (target === 'signal') return `signal '${String(context.signal?.id)}'`;
    return 'selected value';
  };

  // The allow verdict for the last action name (or signal id) seen: the same words for every
  // valid request of one action, built once and frozen so that no caller can change it.
  let allowed: { key: string; verdict: RailVerdict } | undefined;
  const allow = (context: RailContext): RailVerdict => {
    const key =
      parsed.label !== undefined || typeof target === 'function'
        ? ''
        : target === 'action'
          ? context.action?.name
          : context.signal?.id;
    if (allowed !== undefined && allowed.key === key) return allowed.verdict;
    const verdict = Object.freeze({
      verdict: 'allow' as const,
      reason: `The ${describe(context)} is valid.`,
    });
    if (typeof key === 'string') allowed = { key, verdict };
    return verdict;
  };
  const judge = (context: RailContext, result: z.ZodSafeParseResult<unknown>): RailVerdict => {
    if (result.success) return allow(context);
    const issues = toInputIssues(result.error.issues);
    return {
      verdict: 'deny',
      reason: `The ${describe(context)} is malformed: ${summarizeIssues(issues, 3)}.`,
      evidence: { target: typeof target === 'string' ? target : 'selector', issues },
    };
  };

  const failed = (context: RailContext, error: unknown): RailVerdict =>
    escalate(
      `Could not validate the ${describe(context)}: ${describeThrown(error)}; escalating because rails fail closed.`,
    );

  return {
    name: parsed.name ?? 'schema',
    kind: 'deterministic',
    evaluate(context) {
      let value: unknown;
      try {
        value = select(context);
      } catch (error) {
        return failed(context ?? ({} as RailContext), error);
      }
      if (value === undefined) {
        const what = typeof target === 'string' ? `no ${target}` : 'no value at the selector';
        return escalate(
          `Nothing to validate: the context has ${what}, so the schema rail cannot vouch for it.`,
          { target: typeof target === 'string' ? target : 'selector' },
        );
      }
      try {
        return judge(context, schema.safeParse(value));
      } catch (error) {
        // Schemas with async refinements cannot parse synchronously; only then pay for a promise.
        if (!(error instanceof z.core.$ZodAsyncError)) return failed(context, error);
        return schema.safeParseAsync(value).then(
          (result) => judge(context, result),
          (asyncError: unknown) => failed(context, asyncError),
        );
      }
    },
  };
}
