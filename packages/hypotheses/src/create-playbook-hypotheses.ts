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
import { MissingTemplateFieldError } from './errors/missing-template-field-error';
import { definePlaybook } from './playbook/define-playbook';
import {
  entryScope,
  type Playbook,
  type PlaybookCandidate,
  type PlaybookEntry,
  type PlaybookInput,
} from './playbook/playbook-schema';
import { fillTemplate } from './playbook/template';
import {
  createFeedbackOutcomeStats,
  type FeedbackAggregateSource,
} from './ranking/create-feedback-outcome-stats';
import {
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
 * evidence for its rank. No hypotheses when the classifier abstained or no entry matches: the
 * loop then leaves the signal to a human.
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

  return async (input, stepOptions) => {
    const { abortSignal } = parseInput(abortOptionsSchema, stepOptions, 'step options') ?? {};
    const { signal, intent } = parseInput(stepInputSchema, input, 'proposeHypotheses input');
    if (!intent || intent.abstained) return [];
    const context = parseInput(contextSchema, readContext(input), 'playbook context');
    const found = selectEntry(playbook, intent.label, context);
    if (!found) return [];
    const { entry, index: entryIndex } = found;
    throwIfAborted(abortSignal);
    const rawStats = source
      ? await raceAbort(
          Promise.resolve(
            source.candidateStats(
              { intent: intent.label, ...context, candidates: entry.candidates },
              { abortSignal },
            ),
          ),
          abortSignal,
        )
      : {};
    const stats = parseInput(candidateStatsSchema, rawStats, 'outcome statistics');
    const ranked = rankCandidates(entry.candidates, stats, rankOptions);
    const chosen = config.maxHypotheses ? ranked.slice(0, config.maxHypotheses) : ranked;
    return chosen.map((item, rank) =>
      toHypothesis(item, { entry, entryIndex, rank, of: ranked.length, signal }),
    );
  };
}

function defaultContext(input: LoopStepInput): PlaybookContext {
  const pick = (name: string) => {
    const value = input.attributes?.[name] ?? input.signal?.payload?.[name];
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  };
  const segment = pick('segment');
  const productArea = pick('productArea');
  return { ...(segment ? { segment } : {}), ...(productArea ? { productArea } : {}) };
}

/** The most specific entry for the intent whose segment and product area (when set) match. */
function selectEntry(playbook: Playbook, intent: string, context: PlaybookContext) {
  let best: { entry: PlaybookEntry; index: number; specificity: number } | undefined;
  playbook.entries.forEach((entry, index) => {
    if (entry.intent !== intent) return;
    if (entry.segment !== undefined && entry.segment !== context.segment) return;
    if (entry.productArea !== undefined && entry.productArea !== context.productArea) return;
    const specificity = (entry.segment ? 1 : 0) + (entry.productArea ? 1 : 0);
    if (!best || specificity > best.specificity) best = { entry, index, specificity };
  });
  return best;
}

function toHypothesis(
  { candidate, index, confidence, evidence }: RankedCandidate,
  place: {
    entry: PlaybookEntry;
    entryIndex: number;
    rank: number;
    of: number;
    signal: z.output<typeof signalSchema>;
  },
): Hypothesis {
  const path = `entries.${place.entryIndex}.candidates.${index}`;
  const all: Evidence[] = [
    {
      source: 'playbook',
      path,
      value: candidate.id,
      note: `candidate for ${entryScope(place.entry)}`,
    },
    ...evidence,
    ...candidate.references.map((reference) => ({
      source: `playbook.${reference.kind}`,
      value: reference.id,
    })),
    ...(candidate.route ? [{ source: 'playbook.route', value: candidate.route.queue }] : []),
  ];
  const summary = `Ranked ${place.rank + 1} of ${place.of} by outcomes: ${evidence.map((item) => item.note).join('; ')}.`;
  return {
    id: `${entryScope(place.entry)}/${candidate.id}`,
    title: candidate.title,
    rationale: candidate.rationale ? `${candidate.rationale} ${summary}` : summary,
    confidence,
    evidence: all,
    ...(candidate.action ? { action: fillAction(candidate, path, place.signal) } : {}),
  };
}

function fillAction(
  candidate: PlaybookCandidate,
  path: string,
  signal: z.output<typeof signalSchema>,
): NonNullable<Hypothesis['action']> {
  const action = candidate.action as NonNullable<PlaybookCandidate['action']>;
  const fail = (missing: { field: string; path: string }): never => {
    throw new MissingTemplateFieldError({ ...missing, candidateId: candidate.id });
  };
  const input = fillTemplate(action.input, signal, `${path}.action.input`);
  if ('missing' in input) return fail(input.missing);
  let resource: unknown;
  if (action.resource !== undefined) {
    const filled = fillTemplate(action.resource, signal, `${path}.action.resource`);
    if ('missing' in filled) return fail(filled.missing);
    resource = filled.value;
  }
  return {
    name: action.name,
    input: input.value as Record<string, unknown>,
    dryRun: false,
    ...(typeof resource === 'string' && resource.length > 0 ? { resource } : {}),
  };
}
