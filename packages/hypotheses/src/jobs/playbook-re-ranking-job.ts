import { parseInput } from '@guardloop/core';
import { createSeededRandom } from '@guardloop/core/internal';
import { z } from 'zod';
import { definePlaybook } from '../playbook/define-playbook';
import { entryScope, type Playbook, type PlaybookInput } from '../playbook/playbook-schema';
import {
  createFeedbackOutcomeStats,
  type FeedbackAggregateSource,
} from '../ranking/create-feedback-outcome-stats';
import {
  candidateStatsSchema,
  type OutcomeStatsSource,
  outcomeStatsSourceSchema,
} from '../ranking/outcome-stats';
import { rankCandidates } from '../ranking/rank-candidates';
import type { Cadence } from '../schedule/cadence';
import type { LearningJob } from '../schedule/create-learning-schedule';
import type { LearningJobReportInput, LearningReportItem } from '../schedule/learning-job-report';
import { callOptions, jobBaseSchema, withMethods } from './job-options';

export interface PlaybookReRankingJobOptions {
  /** Default `playbook-re-ranking`. */
  name?: string | undefined;
  cadence: Cadence;
  playbook: Playbook | PlaybookInput;
  /** A feedback store, read as `createFeedbackOutcomeStats({ store })`; or give `outcomes`. */
  feedback?: FeedbackAggregateSource | undefined;
  outcomes?: OutcomeStatsSource | undefined;
  /** Outcomes a candidate needs before its rank counts. Default 10. */
  minTrials?: number | undefined;
  /** A candidate with enough outcomes whose confidence stays under this is flagged. Default 0.3. */
  flagBelow?: number | undefined;
}

const optionsSchema = jobBaseSchema
  .extend({
    playbook: z.unknown(),
    feedback: withMethods<FeedbackAggregateSource>(
      'a feedback store',
      'queryAggregates',
    ).optional(),
    outcomes: outcomeStatsSourceSchema.optional(),
    minTrials: z.int().positive().optional(),
    flagBelow: z.number().min(0).max(1).optional(),
  })
  .refine((options) => (options.feedback === undefined) !== (options.outcomes === undefined), {
    message: 'Give either feedback or outcomes',
    path: ['outcomes'],
  });

/**
 * The weekly playbook review. Playbook hypotheses are ranked from outcomes on every proposal,
 * so re-ranking takes effect by itself: this job reports each entry's order by posterior mean
 * (`changed` when it differs from the previous run's), holds back candidates still being
 * explored, and flags candidates that keep failing: removing one is a playbook edit for a
 * human, never done here.
 * @throws InvalidInputError on malformed options; the playbook's errors from `definePlaybook`
 */
export function createPlaybookReRankingJob(options: PlaybookReRankingJobOptions): LearningJob {
  const config = parseInput(optionsSchema, options, 'playbook re-ranking job options');
  const playbook = definePlaybook(config.playbook as PlaybookInput);
  const source =
    config.outcomes ??
    createFeedbackOutcomeStats({ store: config.feedback as FeedbackAggregateSource });
  const minTrials = config.minTrials ?? 10;
  const flagBelow = config.flagBelow ?? 0.3;
  const previous = new Map<string, string>();
  const rankOptions = {
    // Only the posterior means are read; the draws are discarded.
    random: createSeededRandom(1),
    prior: { alpha: 1, beta: 1 },
    overridePrior: { alpha: 1, beta: 9 },
    noun: 'tickets',
  };
  return {
    name: config.name ?? 'playbook-re-ranking',
    cadence: config.cadence,
    async run(context): Promise<LearningJobReportInput> {
      const changed: LearningReportItem[] = [];
      const heldBack: Array<LearningReportItem & { reason: string }> = [];
      for (const entry of playbook.entries) {
        const scope = entryScope(entry);
        const stats = parseInput(
          candidateStatsSchema,
          await source.candidateStats(
            {
              intent: entry.intent,
              segment: entry.segment,
              productArea: entry.productArea,
              candidates: entry.candidates,
            },
            callOptions(context),
          ),
          'outcome statistics',
        );
        const ranked = rankCandidates(entry.candidates, stats, rankOptions).sort(
          (a, b) => b.confidence - a.confidence || a.index - b.index,
        );
        const order = ranked.map((item) => item.candidate.id).join(' > ');
        const details = {
          ranking: ranked.map(({ candidate, stats: counts, confidence }) => ({
            id: candidate.id,
            confidence,
            ...counts,
          })),
        };
        if (previous.get(scope) !== order) {
          changed.push({
            kind: 'playbook',
            id: scope,
            description: `${scope}: ${order}${previous.has(scope) ? ` (was ${previous.get(scope)})` : ''}`,
            details,
          });
          previous.set(scope, order);
        }
        for (const { candidate, stats: counts, confidence } of ranked) {
          const id = `${scope}/${candidate.id}`;
          if (counts.trials < minTrials)
            heldBack.push({
              kind: 'playbook_candidate',
              id,
              description: `${candidate.id} still explored`,
              reason: `${counts.trials} resolved outcomes, ${minTrials} needed for its rank to count`,
            });
          else if (confidence < flagBelow)
            heldBack.push({
              kind: 'playbook_candidate',
              id,
              description: `${candidate.id} keeps failing (confidence ${confidence.toFixed(2)})`,
              reason:
                'it sinks in the ranking by itself; removing it is a playbook edit for a human',
            });
        }
      }
      return {
        changed,
        heldBack,
        summary: `${changed.length} of ${playbook.entries.length} playbook entries re-ranked`,
      };
    },
  };
}
