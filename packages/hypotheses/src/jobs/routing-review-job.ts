import { parseInput } from '@guardloop/core';
import type { OutcomeRouter } from '@guardloop/feedback';
import { z } from 'zod';
import type { Cadence } from '../schedule/cadence';
import type { LearningJob } from '../schedule/create-learning-schedule';
import type { LearningJobReportInput, LearningReportItem } from '../schedule/learning-job-report';
import { callOptions, jobBaseSchema, withMethods } from './job-options';

export interface RoutingReviewJobOptions {
  /** Default `routing-review`. */
  name?: string | undefined;
  cadence: Cadence;
  router: OutcomeRouter;
  /** The categories to review (the router's `queues` keys). */
  categories: readonly string[];
  /** Outcomes the leading queue needs before its lead counts. Default 20. */
  minTrials?: number | undefined;
}

const optionsSchema = jobBaseSchema.extend({
  router: withMethods<OutcomeRouter>('an outcome router', 'posteriors'),
  categories: z.array(z.string().min(1).max(512)).min(1).max(1000),
  minTrials: z.int().positive().optional(),
});

const percent = (value: number) => `${(value * 100).toFixed(0)}%`;

/**
 * The periodic routing review. The outcome router re-weights its queues from outcomes on every
 * suggestion, so nothing is applied here: the review reports per category which queue outcomes
 * now favour (`changed`, in effect already, with its posterior) and which categories have too
 * few outcomes to say (`heldBack`, still exploring).
 * @throws InvalidInputError on malformed options
 */
export function createRoutingReviewJob(options: RoutingReviewJobOptions): LearningJob {
  const config = parseInput(optionsSchema, options, 'routing review job options');
  const minTrials = config.minTrials ?? 20;
  const leaders = new Map<string, string>();
  return {
    name: config.name ?? 'routing-review',
    cadence: config.cadence,
    async run(context): Promise<LearningJobReportInput> {
      const changed: LearningReportItem[] = [];
      const heldBack: Array<LearningReportItem & { reason: string }> = [];
      for (const category of config.categories) {
        const posteriors = await config.router.posteriors(category, callOptions(context));
        const ranked = [...posteriors].sort((a, b) => b.mean - a.mean);
        const best = ranked[0];
        const details = {
          posteriors: ranked.map(({ queue, successes, trials, mean }) => ({
            queue,
            successes,
            trials,
            mean,
          })),
        };
        if (!best || best.trials < minTrials) {
          heldBack.push({
            kind: 'route',
            id: category,
            description: `${category}: still exploring ${ranked.map((item) => item.queue).join(', ')}`,
            reason: `the leading queue has ${best?.trials ?? 0} outcomes, ${minTrials} needed`,
            details,
          });
          continue;
        }
        const previous = leaders.get(category);
        leaders.set(category, best.queue);
        const moved = previous !== undefined && previous !== best.queue ? ` (was ${previous})` : '';
        changed.push({
          kind: 'route',
          id: category,
          description: `${category}: outcomes favour ${best.queue}${moved}, ${percent(best.mean)} first-contact resolution over ${best.trials} outcomes`,
          details,
        });
      }
      return {
        changed,
        heldBack,
        summary: `${changed.length} categories routed by outcomes, ${heldBack.length} still exploring`,
      };
    },
  };
}
