import { parseInput } from '@guardloop/core';
import type { FeedbackStore, ProblemTracker } from '@guardloop/feedback';
import { z } from 'zod';
import type { Cadence } from '../schedule/cadence';
import type { LearningJob } from '../schedule/create-learning-schedule';
import { detectVolumeAnomalies } from '../schedule/detect-volume-anomalies';
import type { LearningJobReportInput, LearningReportItem } from '../schedule/learning-job-report';
import { callOptions, dayMs, jobBaseSchema, withMethods } from './job-options';

export interface ProblemDetectionJobOptions {
  /** Default `problem-detection`. */
  name?: string | undefined;
  cadence: Cadence;
  /** Signal volume per category and UTC day comes from its aggregates (`traces`). */
  store: Pick<FeedbackStore, 'queryAggregates'>;
  /** Opens a problem candidate per spike (fingerprint `volume_spike:<category>`). */
  tracker?: ProblemTracker | undefined;
  /** Past days compared with the day checked. Default 28. */
  baselineDays?: number | undefined;
  /** Which past days are comparable. Default `weekday_hour` (the same weekday). */
  season?: 'weekday_hour' | 'hour' | 'all' | undefined;
  alpha?: number | undefined;
  minSamples?: number | undefined;
  minCount?: number | undefined;
  minRatio?: number | undefined;
}

const optionsSchema = jobBaseSchema.extend({
  store: withMethods<Pick<FeedbackStore, 'queryAggregates'>>('a feedback store', 'queryAggregates'),
  tracker: withMethods<ProblemTracker>('a problem tracker', 'track').optional(),
  baselineDays: z.int().min(1).max(3660).optional(),
  season: z.enum(['weekday_hour', 'hour', 'all']).optional(),
  alpha: z.number().gt(0).lt(1).optional(),
  minSamples: z.int().min(1).optional(),
  minCount: z.int().min(1).optional(),
  minRatio: z.number().min(1).optional(),
});

/**
 * Daily anomaly check: the last complete UTC day's signal volume per category against its
 * seasonal baseline (`detectVolumeAnomalies`). A spike is proposed as a problem candidate (and
 * tracked, when a tracker is given) for a human to confirm; categories without enough history
 * are held back.
 * @throws InvalidInputError on malformed options
 */
export function createProblemDetectionJob(options: ProblemDetectionJobOptions): LearningJob {
  const config = parseInput(optionsSchema, options, 'problem detection job options');
  const baselineDays = config.baselineDays ?? 28;
  return {
    name: config.name ?? 'problem-detection',
    cadence: config.cadence,
    async run(context): Promise<LearningJobReportInput> {
      const checkedDay = Math.floor(context.now / dayMs) * dayMs - dayMs;
      const rows = await config.store.queryAggregates(
        { fromDay: checkedDay - baselineDays * dayMs, toDay: checkedDay + dayMs },
        callOptions(context),
      );
      const byDay = new Map<number, Record<string, number>>();
      for (let day = checkedDay - baselineDays * dayMs; day <= checkedDay; day += dayMs)
        byDay.set(day, {});
      for (const row of rows) {
        const counts = byDay.get(row.day);
        if (counts) counts[row.category] = (counts[row.category] ?? 0) + row.counters.traces;
      }
      // Days before the store's first outcome are no history, not silent days.
      const firstDay = rows.reduce((first, row) => Math.min(first, row.day), checkedDay);
      const { candidates, skipped } = detectVolumeAnomalies({
        counts: byDay.get(checkedDay) ?? {},
        windowStart: checkedDay,
        baseline: [...byDay]
          .filter(([day]) => day >= firstDay && day < checkedDay)
          .map(([windowStart, counts]) => ({ windowStart, counts })),
        ...(config.season ? { season: config.season } : {}),
        ...(config.alpha ? { alpha: config.alpha } : {}),
        ...(config.minSamples ? { minSamples: config.minSamples } : {}),
        ...(config.minCount ? { minCount: config.minCount } : {}),
        ...(config.minRatio ? { minRatio: config.minRatio } : {}),
      });
      const proposed: LearningReportItem[] = [];
      for (const candidate of candidates) {
        const tracked = await config.tracker?.track(
          {
            traceId: `volume_spike:${candidate.category}:${candidate.windowStart}`,
            fingerprint: `volume_spike:${candidate.category}`,
            category: candidate.category,
            at: candidate.windowStart,
          },
          callOptions(context),
        );
        proposed.push({
          kind: 'problem',
          ...(tracked ? { id: tracked.problem.id } : {}),
          description: `problem candidate: ${candidate.description}`,
          details: { ...candidate },
        });
      }
      return {
        proposed,
        heldBack: skipped.map((item) => ({
          kind: 'problem',
          id: item.category,
          description: `${item.category} not judged`,
          reason: `${item.baselineSamples} comparable past days, too few for a baseline`,
        })),
        summary: `${candidates.length} volume spikes on ${new Date(checkedDay).toISOString().slice(0, 10)}`,
      };
    },
  };
}
