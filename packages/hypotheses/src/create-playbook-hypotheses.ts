import {
  type ActionCatalog,
  type Evidence,
  type Hypothesis,
  InvalidInputError,
  intentSchema,
  type LoopStepInput,
  parseInput,
  signalSchema,
} from '@guardloop/core';
import { abortOptionsSchema, raceAbort, throwIfAborted } from '@guardloop/core/internal';
import { z } from 'zod';
import { type CorrelationResult, correlate } from './correlate/correlate';
import type { ChangeEvent, MetricSeries } from './correlate/correlate-schema';
import { MissingTemplateFieldError } from './errors/missing-template-field-error';
import { definePlaybook } from './playbook/define-playbook';
import {
  entryScope,
  type Playbook,
  type PlaybookCandidate,
  type PlaybookEntry,
  type PlaybookInput,
} from './playbook/playbook-schema';
import { type CompiledTemplate, compileTemplate } from './playbook/template';
import {
  createFeedbackOutcomeStats,
  type FeedbackAggregateSource,
} from './ranking/create-feedback-outcome-stats';
import {
  type CandidateOutcomeStats,
  candidateStatsSchema,
  type OutcomeStatsSource,
  outcomeStatsSourceSchema,
} from './ranking/outcome-stats';
import { type BetaPrior, type RankedCandidate, rankCandidates } from './ranking/rank-candidates';

/** Narrows the playbook entry beyond the intent. */
export interface PlaybookContext {
  segment?: string | undefined;
  productArea?: string | undefined;
}

export interface PlaybookHypothesesOptions {
  /** Validated again here, with `actions` and `intents` when given. */
  playbook: Playbook | PlaybookInput;
  actions?: ActionCatalog | undefined;
  intents?: readonly string[] | undefined;
  /** A feedback store: outcomes ranked as `createFeedbackOutcomeStats({ store })` reads them. */
  feedback?: FeedbackAggregateSource | undefined;
  /** Any other source of outcome statistics; at most one of `feedback` and `outcomes`. */
  outcomes?: OutcomeStatsSource | undefined;
  /** Uniform [0, 1) source for the Thompson draws; inject `createSeededRandom(seed)` to replay. */
  random?: (() => number) | undefined;
  prior?: BetaPrior | undefined;
  overridePrior?: BetaPrior | undefined;
  /** Most hypotheses returned (default: every candidate of the entry). */
  maxHypotheses?: number | undefined;
  /**
   * The segment and product area of the signal. Default: `attributes.segment` /
   * `attributes.productArea`, else `signal.payload.segment` / `signal.payload.productArea`.
   */
  context?: ((input: LoopStepInput) => PlaybookContext) | undefined;
  /** Word used in the evidence (default `tickets`). */
  noun?: string | undefined;
  /**
   * Recent change events and metric series for the signal, from the host's telemetry. When
   * given, `correlate` runs on them and every hypothesis carries its evidence: the change that
   * best explains the signal (a rollback names the deploy), or "no supporting telemetry".
   */
  telemetry?: PlaybookTelemetry | undefined;
  /** How far back a change may explain the signal (default 6 hours). */
  correlationWindowMs?: number | undefined;
  /**
   * Which confidence each hypothesis carries. `outcomes` (default): the candidate's posterior
   * P(resolved without reopen) × (1 − P(overridden)). `intent`: the classifier's intent
   * confidence, the number the confidence-floor (intent) rail compares with its floor and so
   * the one the recorder's calibration must see on the decision; the outcome confidence then
   * stays in the evidence (`playbook.ranking`). The ranking is the same either way.
   */
  confidence?: 'outcomes' | 'intent' | undefined;
  /**
   * When the classifier abstained: `none` (default) proposes nothing, so the loop leaves the
   * signal to a human; `propose` proposes for its best label anyway and lets the rails (the
   * intent rail escalates an abstention) decide, so a reviewer gets a proposal to approve.
   */
  whenAbstained?: 'none' | 'propose' | undefined;
}

/** What the host's telemetry knows around one signal. */
export type PlaybookTelemetry = (
  input: LoopStepInput,
  options: { abortSignal?: AbortSignal | undefined },
) => PlaybookTelemetryData | Promise<PlaybookTelemetryData>;

export interface PlaybookTelemetryData {
  changes: readonly ChangeEvent[];
  metrics?: readonly MetricSeries[] | undefined;
}

/** A ready `proposeHypotheses` step for `createLoop`. */
export type PlaybookHypothesesStep = (
  input: LoopStepInput,
  options?: { abortSignal?: AbortSignal | undefined },
) => Promise<Hypothesis[]>;

const prior = z.strictObject({ alpha: z.number().positive(), beta: z.number().positive() });
const optionsSchema = z.strictObject({
  playbook: z.unknown(),
  actions: z.unknown().optional(),
  intents: z.unknown().optional(),
  feedback: z.unknown().optional(),
  outcomes: outcomeStatsSourceSchema.optional(),
  random: z.custom<() => number>((value) => typeof value === 'function').optional(),
  prior: prior.optional(),
  overridePrior: prior.optional(),
  maxHypotheses: z.number().int().positive().optional(),
  context: z
    .custom<(input: LoopStepInput) => PlaybookContext>((value) => typeof value === 'function')
    .optional(),
  noun: z.string().min(1).optional(),
  telemetry: z.custom<PlaybookTelemetry>((value) => typeof value === 'function').optional(),
  correlationWindowMs: z.int().positive().optional(),
  confidence: z.enum(['outcomes', 'intent']).optional(),
  whenAbstained: z.enum(['none', 'propose']).optional(),
});

const stepInputSchema = z.looseObject({
  signal: signalSchema,
  intent: intentSchema.optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
});
const contextSchema = z.looseObject({
  segment: z.string().min(1).optional(),
  productArea: z.string().min(1).optional(),
});

/**
 * Proposes the playbook's candidates for the classified intent, ranked by outcomes, as a
 * `proposeHypotheses` step. Each hypothesis carries its confidence (posterior means) and the
 * evidence for its rank. No hypotheses when no entry matches, or when the classifier abstained
 * (unless `whenAbstained: 'propose'`): the loop then leaves the signal to a human.
 * @throws InvalidInputError on malformed options; the playbook's own errors from `definePlaybook`
 */
export function createPlaybookHypotheses(
  options: PlaybookHypothesesOptions,
): PlaybookHypothesesStep {
  const config = parseInput(optionsSchema, options, 'playbook hypotheses options');
  if (config.feedback !== undefined && config.outcomes !== undefined)
    throw new InvalidInputError({
      subject: 'playbook hypotheses options',
      issues: [{ path: 'outcomes', message: 'Give either feedback or outcomes, not both' }],
    });
  const playbook = definePlaybook(config.playbook as PlaybookInput, {
    actions: config.actions as ActionCatalog | undefined,
    intents: config.intents as readonly string[] | undefined,
  });
  const source =
    config.outcomes ??
    (config.feedback === undefined
      ? undefined
      : createFeedbackOutcomeStats({ store: config.feedback as FeedbackAggregateSource }));
  const random = config.random ?? Math.random;
  const rankOptions = {
    random,
    prior: config.prior ?? { alpha: 1, beta: 1 },
    overridePrior: config.overridePrior ?? { alpha: 1, beta: 9 },
    noun: config.noun ?? 'tickets',
  };
  const readContext = config.context ?? defaultContext;
  const { telemetry } = config;
  const windowMs = config.correlationWindowMs ?? 6 * 3_600_000;
  const proposeWhenAbstained = config.whenAbstained === 'propose';
  const intentConfidence = config.confidence === 'intent';
  // Everything that does not depend on the signal is prepared once, here, not per call.
  const entries = playbook.entries.map(prepareEntry);

  return async (input, stepOptions) => {
    const abortSignal = readAbortSignal(stepOptions);
    const { signal, intent } = readStepInput(input);
    if (!intent || (intent.abstained && !proposeWhenAbstained)) return [];
    const context = readPlaybookContext(readContext(input));
    const prepared = selectEntry(entries, intent.label, context);
    if (!prepared) return [];
    throwIfAborted(abortSignal);
    const stats = source
      ? readStats(
          await settle(
            source.candidateStats(
              { intent: intent.label, ...context, candidates: prepared.entry.candidates },
              { abortSignal },
            ),
            abortSignal,
          ),
        )
      : {};
    const correlation = telemetry
      ? await correlateTelemetry(telemetry, input, signal, windowMs, abortSignal)
      : undefined;
    const ranked = rankCandidates(prepared.entry.candidates, stats, rankOptions);
    const chosen = config.maxHypotheses ? ranked.slice(0, config.maxHypotheses) : ranked;
    return chosen.map((item, rank) => {
      const hypothesis = toHypothesis(item, prepared, {
        rank,
        of: ranked.length,
        signal,
        correlation,
      });
      if (!intentConfidence) return hypothesis;
      return {
        ...hypothesis,
        confidence: intent.confidence,
        evidence: [
          ...hypothesis.evidence,
          {
            source: 'playbook.ranking',
            path: 'confidence',
            value: item.confidence,
            note: 'first-contact resolution without reopen, times one minus the override rate',
          },
        ],
      };
    });
  };
}

/** A sync result is used as it is; only a pending one is raced against the abort signal. */
function settle<T>(value: T | Promise<T>, abortSignal: AbortSignal | undefined): T | Promise<T> {
  return value instanceof Promise ? raceAbort(value, abortSignal) : value;
}

function readAbortSignal(options: unknown): AbortSignal | undefined {
  if (
    isRecord(options) &&
    options.abortSignal instanceof AbortSignal &&
    Object.keys(options).length === 1
  )
    return options.abortSignal;
  return parseInput(abortOptionsSchema, options, 'step options')?.abortSignal;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The loop input, checked as far as the step reads it (the signal's payload and ids, the
 * intent); anything else falls through to the full schema, whose typed error names the issue.
 */
function readStepInput(input: unknown): { signal: StepSignal; intent: StepIntent | undefined } {
  if (isRecord(input)) {
    const { signal, intent, attributes } = input;
    if (
      isRecord(signal) &&
      isRecord(signal.payload) &&
      typeof signal.id === 'string' &&
      typeof signal.traceId === 'string' &&
      typeof signal.occurredAt === 'number' &&
      (attributes === undefined || isRecord(attributes)) &&
      (intent === undefined ||
        (isRecord(intent) &&
          typeof intent.label === 'string' &&
          intent.label.length > 0 &&
          typeof intent.confidence === 'number' &&
          intent.confidence >= 0 &&
          intent.confidence <= 1 &&
          typeof intent.abstained === 'boolean'))
    )
      return { signal: signal as StepSignal, intent: intent as StepIntent | undefined };
  }
  const { signal, intent } = parseInput(stepInputSchema, input, 'proposeHypotheses input');
  return { signal, intent };
}

function readPlaybookContext(value: unknown): PlaybookContext {
  if (isRecord(value)) {
    const { segment, productArea } = value;
    const ok = (field: unknown) =>
      field === undefined || (typeof field === 'string' && field.length > 0);
    if (ok(segment) && ok(productArea)) return value as PlaybookContext;
  }
  return parseInput(contextSchema, value, 'playbook context');
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** The source's statistics, checked by hand on the common path and by the schema otherwise. */
function readStats(value: unknown): Readonly<Record<string, CandidateOutcomeStats>> {
  if (isRecord(value)) {
    let valid = true;
    for (const key in value) {
      const item = value[key];
      if (
        !isRecord(item) ||
        !isCount(item.trials) ||
        !isCount(item.successes) ||
        !isCount(item.reviews) ||
        !isCount(item.overrides) ||
        item.successes > item.trials ||
        item.overrides > item.reviews
      ) {
        valid = false;
        break;
      }
    }
    if (valid) return value as Record<string, CandidateOutcomeStats>;
  }
  return parseInput(candidateStatsSchema, value, 'outcome statistics');
}

async function correlateTelemetry(
  telemetry: PlaybookTelemetry,
  input: LoopStepInput,
  signal: StepSignal,
  windowMs: number,
  abortSignal: AbortSignal | undefined,
): Promise<CorrelationResult> {
  const data = await settle(telemetry(input, { abortSignal }), abortSignal);
  const { changes, metrics } = parseInput(telemetryDataSchema, data, 'playbook telemetry');
  return correlate({
    signal: signal as z.input<typeof signalSchema>,
    changes: changes as ChangeEvent[],
    metrics: (metrics ?? []) as MetricSeries[],
    windowMs,
  });
}

const telemetryDataSchema = z.looseObject({
  changes: z.array(z.unknown()),
  metrics: z.array(z.unknown()).optional(),
});

function defaultContext(input: LoopStepInput): PlaybookContext {
  const pick = (name: string) => {
    const value = input.attributes?.[name] ?? input.signal?.payload?.[name];
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  };
  const segment = pick('segment');
  const productArea = pick('productArea');
  return { ...(segment ? { segment } : {}), ...(productArea ? { productArea } : {}) };
}

type StepSignal = z.output<typeof signalSchema>;
type StepIntent = z.output<typeof intentSchema>;

/** A candidate with everything that does not depend on the signal built once. */
interface PreparedCandidate {
  path: string;
  head: Evidence;
  tail: Evidence[];
  action?: (signal: StepSignal) => NonNullable<Hypothesis['action']>;
}

interface PreparedEntry {
  entry: PlaybookEntry;
  scope: string;
  candidates: PreparedCandidate[];
}

function prepareEntry(entry: PlaybookEntry, entryIndex: number): PreparedEntry {
  const scope = entryScope(entry);
  return {
    entry,
    scope,
    candidates: entry.candidates.map((candidate, index) => {
      const path = `entries.${entryIndex}.candidates.${index}`;
      return {
        path,
        head: { source: 'playbook', path, value: candidate.id, note: `candidate for ${scope}` },
        tail: [
          ...candidate.references.map((reference) => ({
            source: `playbook.${reference.kind}`,
            value: reference.id,
          })),
          ...(candidate.route ? [{ source: 'playbook.route', value: candidate.route.queue }] : []),
        ],
        ...(candidate.action ? { action: compileAction(candidate, path) } : {}),
      };
    }),
  };
}

/** The most specific entry for the intent whose segment and product area (when set) match. */
function selectEntry(entries: readonly PreparedEntry[], intent: string, context: PlaybookContext) {
  let best: { prepared: PreparedEntry; specificity: number } | undefined;
  for (const prepared of entries) {
    const { entry } = prepared;
    if (entry.intent !== intent) continue;
    if (entry.segment !== undefined && entry.segment !== context.segment) continue;
    if (entry.productArea !== undefined && entry.productArea !== context.productArea) continue;
    const specificity = (entry.segment ? 1 : 0) + (entry.productArea ? 1 : 0);
    if (!best || specificity > best.specificity) best = { prepared, specificity };
  }
  return best?.prepared;
}

function toHypothesis(
  { candidate, index, confidence, evidence }: RankedCandidate,
  prepared: PreparedEntry,
  place: {
    rank: number;
    of: number;
    signal: StepSignal;
    correlation: CorrelationResult | undefined;
  },
): Hypothesis {
  const { head, tail, action } = prepared.candidates[index] as PreparedCandidate;
  const telemetry = place.correlation?.evidence ?? [];
  const notes = evidence.map((item) => item.note);
  const grounding = telemetry[0]?.note;
  const summary = `Ranked ${place.rank + 1} of ${place.of} by outcomes: ${notes.join('; ')}.${grounding ? ` Telemetry: ${grounding}.` : ''}`;
  return {
    id: `${prepared.scope}/${candidate.id}`,
    title: candidate.title,
    rationale: candidate.rationale ? `${candidate.rationale} ${summary}` : summary,
    confidence,
    evidence: [head, ...evidence, ...tail, ...telemetry],
    ...(action ? { action: action(place.signal) } : {}),
  };
}

function compileAction(
  candidate: PlaybookCandidate,
  path: string,
): (signal: StepSignal) => NonNullable<Hypothesis['action']> {
  const action = candidate.action as NonNullable<PlaybookCandidate['action']>;
  const fail = (missing: { field: string; path: string }): never => {
    throw new MissingTemplateFieldError({ ...missing, candidateId: candidate.id });
  };
  const input: CompiledTemplate = compileTemplate(action.input, `${path}.action.input`);
  const resource =
    action.resource === undefined
      ? undefined
      : compileTemplate(action.resource, `${path}.action.resource`);
  return (signal) => {
    const filledInput = input(signal);
    if ('missing' in filledInput) return fail(filledInput.missing);
    let value: unknown;
    if (resource) {
      const filled = resource(signal);
      if ('missing' in filled) return fail(filled.missing);
      value = filled.value;
    }
    return {
      name: action.name,
      input: filledInput.value as Record<string, unknown>,
      dryRun: false,
      ...(typeof value === 'string' && value.length > 0 ? { resource: value } : {}),
    };
  };
}
