import {
  type ActionCatalog,
  actionCatalogSchema,
  type Clock,
  type Evidence,
  type Hypothesis,
  type HypothesisInput,
  hypothesisSchema,
  InvalidInputError,
  intentSchema,
  type LoopStepInput,
  parseInput,
  signalSchema,
  systemClock,
} from '@guardloop/core';
import {
  abortOptionsSchema,
  clockSchema,
  raceAbort,
  throwIfAborted,
  timeoutMsSchema,
} from '@guardloop/core/internal';
import { redactPii } from '@guardloop/semantic';
import { describeModelFailure } from '@guardloop/semantic/ai';
import { generateText, type LanguageModel, Output } from 'ai';
import { z } from 'zod';
import type { CorrelationResult } from '../correlate/correlate';
import { buildHypothesesInstructions, buildHypothesesPrompt } from './build-hypotheses-prompt';
import { ModelHypothesesError } from './model-hypotheses-error';

type StepOptions = { abortSignal?: AbortSignal | undefined };

/** A ready `proposeHypotheses` step for `createLoop`. */
export type ModelHypothesesStep = (
  input: LoopStepInput,
  options?: StepOptions,
) => Promise<Hypothesis[]>;

export interface ModelHypothesesOptions {
  /** Any `ai` SDK language model (or a gateway model id). */
  model: LanguageModel;
  /** The only action names the model may propose (the output schema's `z.enum`). */
  actions: readonly string[];
  /** One line per action tells the model what it does and which input it takes. */
  descriptions?: Readonly<Record<string, string>> | undefined;
  /** When given (e.g. an `UndoLog`), every name in `actions` must be registered in it. */
  catalog?: ActionCatalog | undefined;
  /**
   * Used when the model fails, times out or answers outside the schema, e.g.
   * `createPlaybookHypotheses({ playbook })`; each of its hypotheses gets a `model.fallback`
   * evidence item with the reason. Without it the step rejects with ModelHypothesesError.
   */
  fallback?:
    | ((
        input: LoopStepInput,
        options?: StepOptions,
      ) => readonly HypothesisInput[] | Promise<readonly HypothesisInput[]>)
    | undefined;
  /**
   * Applied to every string of the prompt (the signal's context and the correlation evidence)
   * before it leaves the process. Default: `redactPii` from `@guardloop/semantic` (e-mails,
   * phones, cards, IBANs). `false` sends the text as it is.
   */
  redact?: ((text: string) => string) | false | undefined;
  /** Grounds the signal, e.g. with `correlate(...)`: in the prompt and in every hypothesis's evidence. */
  correlation?:
    | ((
        input: LoopStepInput,
        options: StepOptions,
      ) => CorrelationResult | Promise<CorrelationResult>)
    | undefined;
  /** Appended to the built-in instructions. */
  instructions?: string | undefined;
  /** Most hypotheses kept, most confident first. Default 3. */
  maxHypotheses?: number | undefined;
  /** Passed to `generateText`. Default: the SDK's (2). */
  maxRetries?: number | undefined;
  /** Bound on one model call, retries included (ms); past it the fallback is used. Default 30 000. */
  timeoutMs?: number | undefined;
  /** Source of time for the timeout. Default: the system clock. */
  clock?: Clock | undefined;
  /** Prefix of the hypothesis ids and the evidence source. Default `model`. */
  name?: string | undefined;
}

const fn = <T>(message: string) => z.custom<T>((value) => typeof value === 'function', message);

const optionsSchema = z.strictObject({
  model: z.custom<LanguageModel>(
    (value) => typeof value === 'string' || (typeof value === 'object' && value !== null),
    'Expected an ai SDK LanguageModel',
  ),
  actions: z
    .array(z.string().min(1))
    .min(1)
    .refine((names) => new Set(names).size === names.length, 'Action names must be unique'),
  descriptions: z.record(z.string(), z.string()).optional(),
  catalog: actionCatalogSchema.optional(),
  fallback: fn<NonNullable<ModelHypothesesOptions['fallback']>>('Expected a function').optional(),
  redact: z
    .union([z.literal(false), fn<(text: string) => string>('Expected a function or false')])
    .optional(),
  correlation:
    fn<NonNullable<ModelHypothesesOptions['correlation']>>('Expected a function').optional(),
  instructions: z.string().optional(),
  maxHypotheses: z.number().int().positive().max(20).optional(),
  maxRetries: z.number().int().min(0).optional(),
  timeoutMs: timeoutMsSchema.int().optional(),
  clock: clockSchema.optional(),
  name: z.string().min(1).optional(),
});

const stepInputSchema = z.looseObject({
  signal: signalSchema,
  intent: intentSchema.optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
});
const fallbackOutputSchema = hypothesisSchema.array();

/**
 * Proposes hypotheses with a language model through the `ai` SDK (`generateText` with
 * `Output.object`), as a `proposeHypotheses` step. The answer is validated by a zod schema
 * whose action name is `z.enum(actions)`, so the model cannot propose an unregistered action;
 * the prompt holds the signal's context and the correlation evidence, redacted first; the
 * model's reasoning is kept as evidence. When the model fails, times out or answers outside
 * the schema, the `fallback` step answers instead, the reason in its evidence.
 * @throws InvalidInputError (`invalid_input`) for malformed options or an action the catalog
 * does not register. The step rejects with `invalid_input` for malformed input, with
 * ModelHypothesesError (`model_hypotheses_failed`) when the model fails and there is no
 * fallback, and with `abortSignal.reason` when the caller aborts.
 */
export function createModelHypotheses(options: ModelHypothesesOptions): ModelHypothesesStep {
  const config = parseInput(optionsSchema, options, 'model hypotheses options');
  const actions = config.actions as [string, ...string[]];
  if (config.catalog) {
    const catalog = config.catalog;
    const issues = actions.flatMap((name, index) =>
      catalog.describeAction(name) === undefined
        ? [
            {
              path: `actions.${index}`,
              message: `Action '${name}' is not registered in the catalog`,
            },
          ]
        : [],
    );
    if (issues.length > 0)
      throw new InvalidInputError({ subject: 'model hypotheses options', issues });
  }
  const name = config.name ?? 'model';
  const clock = config.clock ?? systemClock;
  const timeoutMs = config.timeoutMs ?? 30_000;
  const maxHypotheses = config.maxHypotheses ?? 3;
  const redact =
    config.redact === false
      ? (text: string) => text
      : (config.redact ?? ((text: string) => redactPii(text, { maxLength: text.length })));
  const schema = z.object({
    reasoning: z.string().describe('How the signal and the evidence led to these hypotheses'),
    hypotheses: z.array(
      z.object({
        title: z.string().min(1).describe('What is going on, in one line'),
        rationale: z.string().describe('Why this explains the signal'),
        confidence: z.number().min(0).max(1).describe('Probability that the hypothesis is right'),
        action: z
          .object({
            name: z.enum(actions),
            input: z.record(z.string(), z.unknown()),
          })
          .nullable()
          .describe('The next step, or null when the hypothesis only informs a human'),
      }),
    ),
  });
  const instructions = buildHypothesesInstructions(
    actions,
    config.descriptions ?? {},
    maxHypotheses,
    config.instructions,
  );

  return async (input, stepOptions) => {
    const { abortSignal: callerSignal } =
      parseInput(abortOptionsSchema, stepOptions, 'step options') ?? {};
    const { signal, intent, attributes } = parseInput(
      stepInputSchema,
      input,
      'proposeHypotheses input',
    );
    throwIfAborted(callerSignal);
    const correlation = config.correlation
      ? await raceAbort(
          Promise.resolve(config.correlation(input, { abortSignal: callerSignal })),
          callerSignal,
        )
      : undefined;
    const prompt = buildHypothesesPrompt({ signal, intent, attributes, correlation }, redact);
    // Our own timer, so a provider that never answers ends the call (and tests need no sleep).
    const timeout = new AbortController();
    const cancelTimer = clock.setTimer(timeoutMs, () =>
      timeout.abort(new Error(`No answer within ${timeoutMs} ms`)),
    );
    const abortSignal = callerSignal
      ? AbortSignal.any([callerSignal, timeout.signal])
      : timeout.signal;
    let failure: ModelHypothesesError;
    try {
      const { output } = await generateText({
        model: config.model,
        instructions,
        prompt,
        output: Output.object({ schema, name: 'hypotheses' }),
        abortSignal,
        ...(config.maxRetries === undefined ? {} : { maxRetries: config.maxRetries }),
      });
      const grounding = correlation?.evidence ?? [];
      return output.hypotheses
        .map((item, index) => ({ item, index }))
        .sort((a, b) => b.item.confidence - a.item.confidence || a.index - b.index)
        .slice(0, maxHypotheses)
        .map(({ item }, rank) => ({
          id: `${name}/${rank + 1}`,
          title: item.title,
          rationale: item.rationale,
          confidence: item.confidence,
          evidence: [
            { source: name, path: 'reasoning', value: output.reasoning, note: 'model reasoning' },
            ...grounding,
          ],
          ...(item.action
            ? { action: { name: item.action.name, input: item.action.input, dryRun: false } }
            : {}),
        }));
    } catch (error) {
      throwIfAborted(callerSignal);
      failure = timeout.signal.aborted
        ? new ModelHypothesesError({
            cause: timeout.signal.reason,
            reason: 'timeout',
            isRetryable: true,
          })
        : modelFailure(error, actions, clock.now());
    } finally {
      cancelTimer();
    }
    if (!config.fallback) throw failure;
    const fallen = await raceAbort(
      Promise.resolve(config.fallback(input, { abortSignal: callerSignal })),
      callerSignal,
    );
    const hypotheses = parseInput(fallbackOutputSchema, fallen, 'fallback hypotheses');
    const note: Evidence = {
      source: `${name}.fallback`,
      value: failure.reason,
      note: `model failed (${failure.reason}), fallback used: ${failure.message}`,
    };
    return hypotheses.map((hypothesis) => ({
      ...hypothesis,
      evidence: [...hypothesis.evidence, note],
    }));
  };
}

function modelFailure(error: unknown, actions: readonly string[], now: number) {
  const { reason, ...failure } = describeModelFailure(error, {
    now,
    namesOutsideSet: (text) => {
      const proposed = (JSON.parse(text) as { hypotheses?: unknown } | null)?.hypotheses;
      if (!Array.isArray(proposed)) return false;
      return proposed.some((item) => {
        const name = (item as { action?: { name?: unknown } | null } | null)?.action?.name;
        return typeof name === 'string' && !actions.includes(name);
      });
    },
  });
  return new ModelHypothesesError({
    ...failure,
    reason: reason === 'outside_set' ? 'action_outside_set' : reason,
  });
}
